"""Day-by-day summaries over a range of dates, for the week page and the export.

Three aggregate queries whatever the range or the history: one per kind of record.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Sum

from journal.models import MealEntry, SupplementDose, SymptomNote

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
SUMMARY_SCORES = ("dizziness", "fatigue", "anxiety")


@dataclass(frozen=True)
class DaySummary:
    day: date
    goal_mg: int
    food_mg: Decimal = ZERO
    supplement_mg: Decimal = ZERO
    sodium_mg: Decimal = ZERO
    potassium_mg: Decimal = ZERO
    calcium_mg: Decimal = ZERO
    entries: int = 0
    doses: int = 0
    notes: int = 0
    dizziness: float | None = None
    fatigue: float | None = None
    anxiety: float | None = None

    @property
    def total_mg(self):
        return self.food_mg + self.supplement_mg

    @property
    def goal_percent(self):
        return round(self.total_mg * 100 / self.goal_mg) if self.goal_mg else None

    @property
    def logged(self):
        return bool(self.entries or self.doses or self.notes)


def days_between(first, last):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def summarize(user, profile, first, last):
    """One DaySummary per calendar day from first to last, both included."""
    by_day = {day: {} for day in days_between(first, last)}
    meals = (
        MealEntry.objects.filter(user=user, date__range=(first, last))
        .values("date")
        .annotate(
            food_mg=Sum("magnesium_mg"), sodium_mg=Sum("sodium_mg"), potassium_mg=Sum("potassium_mg"),
            calcium_mg=Sum("calcium_mg"), entries=Count("pk"),
        )
    )
    doses = (
        SupplementDose.objects.filter(user=user, date__range=(first, last))
        .values("date")
        .annotate(supplement_mg=Sum("elemental_mg"), doses=Count("pk"))
    )
    notes = (
        SymptomNote.objects.filter(user=user, date__range=(first, last))
        .values("date")
        .annotate(notes=Count("pk"), **{name: Avg(name) for name in SUMMARY_SCORES})
    )
    for rows in (meals, doses, notes):
        for row in rows:
            day = row.pop("date")
            by_day[day].update({key: _tidy(value) for key, value in row.items() if value is not None})
    return [DaySummary(day=day, goal_mg=profile.goal(day).mg, **values) for day, values in by_day.items()]



def _tidy(value):
    # Databases return sums at different scales (SQLite: 381.840000000000); figures are kept to 0.01 mg.
    return value.quantize(CENT) if isinstance(value, Decimal) else value
