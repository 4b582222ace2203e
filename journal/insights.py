"""Several weeks at a glance: intake against the goal, and symptoms and the heart-rate rise on standing beside it.

The figures come from the day ledger (journal.ledger): the averages and days at goal are the Period's, by the same
rule as the week page and the report. One comparison (_compare) serves every intake (magnesium against the goal,
fluid and sodium against the clinician's targets), every outcome and both lags (the same day, the day before): only
days that count and whose intake total is known are sorted to a side. pandas does what it is good at here: the
7-day rolling means of the chart, which skip the days that do not count instead of reading them as 0 mg.
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
# the intake: the page says "not enough days yet".
MIN_DAYS_PER_GROUP = 5


@dataclass(frozen=True)
class Outcome:
    """What is compared between the two sides: a symptom score or the heart-rate rise on standing."""

    label: str
    kind: str  # foods.figures kind of its mean
    of: object  # Day -> the day's value, or None without one
    recorded_as: str  # what a day needs to be compared: "a score"


OUTCOMES = (
    *(Outcome(name.capitalize(), "score", lambda day, name=name: day.mean_score(name), "a score")
      for name in SUMMARY_SCORES),
    Outcome("Heart-rate rise", "bpm", lambda day: day.hr_rise_bpm_max, "a heart-rate rise"),
)

# The intake compared on the day itself and on the day before: fluid and salt taken one day may show in the next
# day's symptoms and heart rate.
LAGS = (0, 1)


@dataclass(frozen=True)
class Comparison:
    outcome: Outcome
    at_goal_mean: object
    below_goal_mean: object
    at_goal_days: int
    below_goal_days: int

    @property
    def label(self):
        return self.outcome.label

    @property
    def enough_days(self):
        return min(self.at_goal_days, self.below_goal_days) >= MIN_DAYS_PER_GROUP


@dataclass(frozen=True)
class Against:
    """Every outcome on the days whose intake (that day's, or the day before's: `lag` 0 or 1) reached the goal or
    target, and on those where it fell short."""

    what: str  # "magnesium", "fluid", "sodium"
    line: str  # "goal" or "target"
    lag: int
    rows: list

    @property
    def intake_day(self):
        return "the same day's" if self.lag == 0 else "the previous day's"


@dataclass(frozen=True)
class Insights:
    period: Period
    # One list per intake, magnesium against the goal, then fluid and sodium against the clinician's targets
    # where set: [Against] for the same day and the day before.
    comparisons: list
    chart: dict
    without_target: list  # "fluid", "sodium": intakes left out until the clinician's target is set

    @property
    def rows(self):
        """Every figure of the two charts as table rows, for screen readers and print: (Day, 7-day mean magnesium,
        [7-day mean of each summary score], 7-day mean heart-rate rise)."""
        scores = zip(*(self.chart[name] for name in SUMMARY_SCORES), strict=True)
        return list(zip(self.period.days, self.chart["rolling_mg"], map(list, scores), self.chart["hr_rise_bpm"],
                        strict=True))


def insights_for(profile, last, days=DEFAULT_PERIOD):
    first = last - timedelta(days=days - 1)
    # The day before the period too, for the previous day's intake of its first day; it is not in the Period.
    with_day_before = days_of(profile, first - timedelta(days=max(LAGS)), last)
    period = Period(with_day_before[max(LAGS):])
    intakes = _intakes(profile)
    comparisons = [
        [Against(what, line, lag, [_compare(with_day_before, reached, lag, outcome) for outcome in OUTCOMES])
         for lag in LAGS]
        for what, line, reached in intakes if reached is not None
    ]
    return Insights(
        period=period, comparisons=comparisons, chart=_chart(period),
        without_target=[what for what, _, reached in intakes if reached is None],
    )


def _intakes(profile):
    """(what, line, reached) for magnesium, fluid and sodium; reached(day) is True or False on a day that counts
    and whose total is known (no food without a figure), None on any other day; reached is None itself while the
    clinician's target is not set."""

    def against_target(amount_of, target):
        if target is None:
            return None

        def reached(day):
            amount = amount_of(day)
            return amount.total >= target if day.counted and amount.known else None

        return reached

    return [
        ("magnesium", "goal", lambda day: day.goal_reached if day.counted else None),
        ("fluid", "target", against_target(lambda day: day.fluid, profile.fluid_target_ml)),
        ("sodium", "target", against_target(lambda day: day.sodium, profile.sodium_target_mg)),
    ]


def _compare(days, reached, lag, outcome):
    """The mean of an outcome on the days whose intake `lag` days before reached its goal or target, and on those
    where it fell short; `days` are consecutive and start `max(LAGS)` days before the period, whose days alone
    carry the outcome."""
    sides = {True: [], False: []}
    for intake_day, day in zip(days[max(LAGS) - lag:len(days) - lag], days[max(LAGS):], strict=True):
        side, value = reached(intake_day), outcome.of(day)
        if side is not None and value is not None:
            sides[side].append(value)

    def mean(values):
        return rounded(sum(values) / len(values), outcome.kind) if values else None

    return Comparison(outcome, mean(sides[True]), mean(sides[False]), len(sides[True]), len(sides[False]))


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
        "hr_rise_bpm": rolling([day.hr_rise_bpm_max for day in period.days], "bpm"),
    }
