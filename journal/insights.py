"""Several weeks at a glance: intake against the goal, and symptoms beside it.

The figures come from the day ledger (journal.ledger): the averages and days at goal are the Period's, by the same
rule as the week page and the report. pandas does what it is good at here: the 7-day rolling means of the chart,
which skip the days that do not count instead of reading them as 0 mg.
"""

from dataclasses import dataclass
from datetime import timedelta

from foods.figures import rounded
from journal.ledger import SUMMARY_SCORES, Period, days_of

PERIODS = (28, 56, 84)
DEFAULT_PERIOD = 56
ROLLING_DAYS = 7
# A rolling mean over fewer known days than this says more about one day than about the week.
ROLLING_MIN_DAYS = 3
# With fewer counted days than this in either group, a difference in means says more about chance than about
# magnesium: the page says "not enough days yet".
MIN_DAYS_PER_GROUP = 5


@dataclass(frozen=True)
class ScoreComparison:
    score: str
    at_goal_mean: object
    below_goal_mean: object
    at_goal_days: int
    below_goal_days: int

    @property
    def label(self):
        return self.score.replace("_", " ").capitalize()

    @property
    def enough_days(self):
        return min(self.at_goal_days, self.below_goal_days) >= MIN_DAYS_PER_GROUP


@dataclass(frozen=True)
class Insights:
    period: Period
    comparisons: list
    chart: dict
    # [(what, [ScoreComparison])] for fluid and sodium against the clinician's targets; empty without targets.
    target_comparisons: list = ()

    @property
    def rows(self):
        """The chart's figures as table rows: (Day, 7-day mean magnesium), for screen readers and print."""
        return list(zip(self.period.days, self.chart["rolling_mg"], strict=True))


def insights_for(profile, last, days=DEFAULT_PERIOD):
    period = Period(days_of(profile, last - timedelta(days=days - 1), last))
    magnesium = [(day, day.goal_reached) for day in period.counted]
    comparisons = [_compare(magnesium, name) for name in SUMMARY_SCORES]
    targets = [
        (what, [_compare(days, name) for name in SUMMARY_SCORES])
        for what, days in _against_targets(period, profile) if days is not None
    ]
    return Insights(period=period, comparisons=comparisons, chart=_chart(period), target_comparisons=targets)


def _against_targets(period, profile):
    """(what, [(day, reached)]) for fluid and sodium, by the magnesium rules: only the days that count, and of them
    only those whose total is known (no food without a figure); None while the clinician's target is not set."""

    def split(amount_of, target):
        if target is None:
            return None
        return [(day, amount_of(day).total >= target) for day in period.counted if amount_of(day).known]

    return [
        ("Fluid", split(lambda day: day.fluid, profile.fluid_target_ml)),
        ("Sodium", split(lambda day: day.sodium, profile.sodium_target_mg)),
    ]


def _compare(days, score):
    """The mean of a score on the days that reached their goal or target, and on those below it; `days` holds
    (Day, reached) pairs."""
    at_goal = [day.mean_score(score) for day, reached in days if reached]
    below_goal = [day.mean_score(score) for day, reached in days if not reached]
    at_goal, below_goal = [s for s in at_goal if s is not None], [s for s in below_goal if s is not None]

    def mean(scores):
        return rounded(sum(scores) / len(scores), "score") if scores else None

    return ScoreComparison(score, mean(at_goal), mean(below_goal), len(at_goal), len(below_goal))


def _chart(period):
    """Plain lists for static/js/insights.js; null where a day does not count or has no score."""
    import pandas as pd  # only this page needs it: not loaded with the URLconf

    def rolling(values, kind):
        series = pd.Series([None if value is None else float(value) for value in values], dtype="float64")
        means = series.rolling(ROLLING_DAYS, min_periods=ROLLING_MIN_DAYS).mean()
        return [None if pd.isna(mean) else float(rounded(mean, kind)) for mean in means]

    totals = [day.magnesium.total if day.counted else None for day in period.days]
    return {
        "labels": [day.day.strftime("%-d %b") for day in period.days],
        "total_mg": [None if total is None else float(total) for total in totals],
        "rolling_mg": rolling(totals, "mg"),
        "goal_mg": [day.goal.mg for day in period.days],
        **{name: rolling([day.mean_score(name) for day in period.days], "score") for name in SUMMARY_SCORES},
    }
