"""Several weeks at a glance: intake against the goal, and symptoms beside it.

The day-by-day summaries (journal.summaries, three aggregate queries for any
period) go into a pandas frame that does the averaging, the rolling means and the
comparison of symptom scores on days at and below the goal.

A day counts for intake only when food was logged on it: a day with nothing
logged is unknown, not 0 mg, and would otherwise drag every average down.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from journal.summaries import SUMMARY_SCORES, summarize

PERIODS = (28, 56, 84)
DEFAULT_PERIOD = 56
ROLLING_DAYS = 7
# With fewer logged days than this in either group, a difference in means says
# more about chance than about magnesium: the page says "not enough days yet".
MIN_DAYS_PER_GROUP = 5


def rounded(value, places="0.1"):
    if value is None or pd.isna(value):
        return None
    return Decimal(str(value)).quantize(Decimal(places), ROUND_HALF_UP)


@dataclass(frozen=True)
class ScoreComparison:
    score: str
    at_goal_mean: Decimal | None
    below_goal_mean: Decimal | None
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
    first: object
    last: object
    days: int
    intake_days: int
    incomplete_days: int
    goal_met_days: int
    mean_total_mg: Decimal | None
    mean_food_mg: Decimal | None
    mean_supplement_mg: Decimal | None
    comparisons: list
    chart: dict

    @property
    def goal_met_percent(self):
        return rounded(100 * self.goal_met_days / self.intake_days, "1") if self.intake_days else None


def insights_for(user, profile, last, days=DEFAULT_PERIOD):
    first = last - timedelta(days=days - 1)
    frame = day_frame(summarize(user, profile, first, last))
    intake = frame["total_mg"].where(frame["food_logged"])
    at_goal = intake >= frame["goal_mg"]
    below_goal = intake < frame["goal_mg"]
    return Insights(
        first=first,
        last=last,
        days=days,
        intake_days=int(frame["food_logged"].sum()),
        incomplete_days=int(frame["magnesium_incomplete"].sum()),
        goal_met_days=int(at_goal.sum()),
        mean_total_mg=rounded(intake.mean()),
        mean_food_mg=rounded(frame["food_mg"].where(frame["food_logged"]).mean()),
        mean_supplement_mg=rounded(frame["supplement_mg"].where(frame["food_logged"]).mean()),
        comparisons=[_compare(frame[score], at_goal, below_goal, score) for score in SUMMARY_SCORES],
        chart=_chart(frame, intake),
    )


def nan_for_none(value):
    return float("nan") if value is None else float(value)


def day_frame(summaries):
    """One row a day, indexed by date; figures as floats, NaN where unknown (scores where unscored).

    A day whose foods had no magnesium figure at all has no total (NaN, left out of
    means); one where only some had none is marked in "magnesium_incomplete": its
    total is a lower bound.
    """
    frame = pd.DataFrame(
        {
            "day": [s.day for s in summaries],
            "food_mg": [nan_for_none(s.food_mg if s.entries else 0) for s in summaries],
            "magnesium_incomplete": [s.magnesium_incomplete for s in summaries],
            "supplement_mg": [float(s.supplement_mg) for s in summaries],
            "goal_mg": [s.goal_mg for s in summaries],
            "food_logged": [s.entries > 0 for s in summaries],
            **{score: [getattr(s, score) for s in summaries] for score in SUMMARY_SCORES},
        }
    ).set_index("day")
    frame[list(SUMMARY_SCORES)] = frame[list(SUMMARY_SCORES)].astype(float)
    frame["total_mg"] = frame["food_mg"] + frame["supplement_mg"]
    return frame


def _compare(scores, at_goal, below_goal, score):
    at, below = scores[at_goal].dropna(), scores[below_goal].dropna()
    return ScoreComparison(
        score=score,
        at_goal_mean=rounded(at.mean()) if len(at) else None,
        below_goal_mean=rounded(below.mean()) if len(below) else None,
        at_goal_days=len(at),
        below_goal_days=len(below),
    )


def _chart(frame, intake):
    """Plain lists for static/js/insights.js; null where a day has no figure."""

    def values(series):
        return [None if pd.isna(value) else float(rounded(value)) for value in series]

    rolling = intake.rolling(ROLLING_DAYS, min_periods=3).mean()
    return {
        "labels": [day.strftime("%-d %b") for day in frame.index],
        "total_mg": values(intake),
        "rolling_mg": values(rolling),
        "goal_mg": [int(goal) for goal in frame["goal_mg"]],
        **{score: values(frame[score].rolling(ROLLING_DAYS, min_periods=3).mean()) for score in SUMMARY_SCORES},
    }
