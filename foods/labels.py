"""What a portion of a food gives: its nutrients, the share of a goal and of the Daily Value, the label claim.

The claims follow the FDA's rule for nutrient content claims (21 CFR 101.54): a
food may be called an "excellent source" of a nutrient when it gives at least
20% of the Daily Value, a "good source" at 10 to 19%. The rule counts per
reference amount customarily consumed, so the claim is made for the food's
typical portion only (the household measure closest to that amount, foods.racc);
the shares of the Daily Value and of the user's goal are given for every portion.
"""

from dataclasses import dataclass
from decimal import Decimal

from foods.figures import percent

# The FDA's Daily Value for magnesium (21 CFR 101.9(c)(8)(iv)): what labels and their claims count against, and
# the goal of anyone who has not said their age and sex.
DAILY_VALUE_MG = 420
DAILY_VALUE_SOURCE = "FDA Daily Value for adults and children 4 years and older"
EXCELLENT_SOURCE_PERCENT = 20  # 21 CFR 101.54(b)
GOOD_SOURCE_PERCENT = 10  # 21 CFR 101.54(c)


@dataclass(frozen=True)
class DailyValueGoal:
    """The goal the food pages measure portions against when no one has said whose goal it is (see
    foods.views.goal_of): shaped like the journal's reference.Goal."""

    mg: int = DAILY_VALUE_MG
    label: str = "Daily Value"
    source: str = DAILY_VALUE_SOURCE


def claim_for(magnesium_mg):
    """ "Excellent source", "Good source" or "" for this much magnesium, by the FDA's Daily Value thresholds."""
    if magnesium_mg is None:
        return ""
    share = Decimal(magnesium_mg) * 100 / DAILY_VALUE_MG
    if share >= EXCELLENT_SOURCE_PERCENT:
        return "Excellent source"
    if share >= GOOD_SOURCE_PERCENT:
        return "Good source"
    return ""


@dataclass(frozen=True)
class PortionFigures:
    portion: object  # a foods.models.Portion
    nutrients: object  # foods.nutrients.Nutrients for the portion's grams
    percent_of_goal: int | None
    percent_of_daily_value: int | None
    claim: str  # only for the food's typical portion

    @classmethod
    def of(cls, portion, goal_mg):
        nutrients = portion.food.nutrients_for(portion.grams)
        magnesium = nutrients.magnesium_mg
        is_typical = portion.pk == portion.food.typical_portion_id
        return cls(
            portion, nutrients, percent(magnesium, goal_mg), percent(magnesium, DAILY_VALUE_MG),
            claim_for(magnesium) if is_typical else "",
        )


def grouped_by_category(figures):
    """[(category, [figures, ...]), ...]: categories in the order of their first food, foods kept in order."""
    groups = {}
    for row in figures:
        groups.setdefault(row.portion.food.category or "Other foods", []).append(row)
    return list(groups.items())
