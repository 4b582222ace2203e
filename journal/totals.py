"""A day's magnesium and electrolytes, food and supplements, against the user's goal."""

from dataclasses import dataclass
from decimal import Decimal

from foods.nutrients import Nutrients
from journal.models import SupplementLimit
from journal.reference import Goal
from journal.rounding import whole


@dataclass(frozen=True)
class DayTotals:
    food: Nutrients
    # Nutrient names some logged food had no figure for: their totals are a lower bound.
    incomplete: frozenset
    supplements: SupplementLimit
    goal: Goal

    @classmethod
    def of(cls, entries, supplements, goal):
        """Totals of a day's meal entries (one aggregate query) beside its supplements against their limit."""
        food, incomplete = entries.nutrient_totals()
        return cls(food, incomplete, supplements, goal)

    @property
    def supplement_mg(self):
        return self.supplements.supplement_mg

    @property
    def food_mg(self):
        return self.food.magnesium_mg or Decimal(0)

    @property
    def magnesium_mg(self):
        """All magnesium of the day: the RDA covers food and supplements together."""
        return self.food_mg + self.supplement_mg

    @property
    def percent_of_goal(self):
        return whole(self.magnesium_mg * 100 / self.goal.mg)

    @property
    def progress_width(self):
        """The progress bar's width: the percentage, but a bar never runs past its box."""
        return min(self.percent_of_goal, 100)

    @property
    def remaining_mg(self):
        return max(Decimal(self.goal.mg) - self.magnesium_mg, Decimal(0))

    @property
    def goal_reached(self):
        return self.remaining_mg == 0

    @property
    def magnesium_incomplete(self):
        return "magnesium_mg" in self.incomplete

    @property
    def electrolytes(self):
        """(label, amount, unit, incomplete) for the figures shown beside magnesium."""
        return [
            (label, getattr(self.food, name), unit, name in self.incomplete)
            for name, label, unit in (
                ("sodium_mg", "Sodium", "mg"),
                ("potassium_mg", "Potassium", "mg"),
                ("calcium_mg", "Calcium", "mg"),
                ("energy_kcal", "Energy", "kcal"),
            )
        ]
