"""Day-by-day summaries over a range of dates, for the week page, the export, insights and the doctor report.

Three aggregate queries whatever the range or the history: one per kind of record.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum

from journal.models import MealEntry, SupplementDose, SymptomNote
from journal.rounding import tenths, to_hundredths, whole

ZERO = Decimal("0.00")
SUMMARY_SCORES = ("dizziness", "fatigue", "anxiety")
# The MealEntry figures summed per day, under the names DaySummary gives them.
FOOD_FIGURES = {"magnesium_mg": "food_mg", "sodium_mg": "sodium_mg", "potassium_mg": "potassium_mg",
                "calcium_mg": "calcium_mg"}


@dataclass(frozen=True)
class DaySummary:
    """A day's figures. A food figure is None when no food logged that day had one ("no data", never 0 mg),
    and its MealEntry field name is in `incomplete` when some food had none (the sum is then a lower bound)."""

    day: date
    goal_mg: int
    food_mg: Decimal | None = ZERO
    supplement_mg: Decimal = ZERO
    sodium_mg: Decimal | None = ZERO
    potassium_mg: Decimal | None = ZERO
    calcium_mg: Decimal | None = ZERO
    incomplete: frozenset = frozenset()
    entries: int = 0
    doses: int = 0
    notes: int = 0
    dizziness: Decimal | None = None
    fatigue: Decimal | None = None
    anxiety: Decimal | None = None

    @property
    def total_mg(self):
        """Food and supplements; None ("no data") when food was logged but none of it had a magnesium figure."""
        if self.food_mg is None and self.entries:
            return None
        return (self.food_mg or ZERO) + self.supplement_mg

    @property
    def magnesium_incomplete(self):
        return "magnesium_mg" in self.incomplete

    @property
    def goal_percent(self):
        return whole(self.total_mg * 100 / self.goal_mg) if self.goal_mg and self.total_mg is not None else None

    @property
    def logged(self):
        return bool(self.entries or self.doses or self.notes)

    def food_figure_notes(self):
        """["sodium_food_mg: no data", "magnesium_food_mg: incomplete"]: the figures a reader must not take
        as measured, named as in the daily CSV."""
        notes = []
        for field, name in FOOD_FIGURES.items():
            if field in self.incomplete:
                state = "no data" if getattr(self, name) is None else "incomplete"
                notes.append(f"{field.removesuffix('_mg')}_food_mg: {state}")
        return notes


def days_between(first, last):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def summarize(user, profile, first, last):
    """One DaySummary per calendar day from first to last, both included."""
    by_day = {day: {} for day in days_between(first, last)}
    for row in _meal_rows(user, first, last):
        by_day[row["date"]].update(_food_figures(row))
    doses = (
        SupplementDose.objects.filter(user=user, date__range=(first, last))
        .values("date")
        .annotate(supplement_mg=Sum("elemental_mg"), doses=Count("pk"))
    )
    for row in doses:
        by_day[row["date"]].update(supplement_mg=to_hundredths(row["supplement_mg"]), doses=row["doses"])
    notes = (
        SymptomNote.objects.filter(user=user, date__range=(first, last))
        .values("date")
        .annotate(notes=Count("pk"), **{name: Avg(name) for name in SUMMARY_SCORES})
    )
    for row in notes:
        by_day[row["date"]].update(notes=row["notes"], **{name: tenths(row[name]) for name in SUMMARY_SCORES})
    return [DaySummary(day=day, goal_mg=profile.goal(day).mg, **values) for day, values in by_day.items()]


def _meal_rows(user, first, last):
    sums = {}
    for field in FOOD_FIGURES:
        sums[f"{field}_sum"] = Sum(field)
        sums[f"{field}_missing"] = Count("pk", filter=Q(**{f"{field}__isnull": True}))
    return (
        MealEntry.objects.filter(user=user, date__range=(first, last))
        .values("date")
        .annotate(entries=Count("pk"), **sums)
    )


def _food_figures(row):
    # Databases return sums at different scales (SQLite: 381.840000000000); figures are kept to 0.01 mg.
    figures = {"entries": row["entries"]}
    for field, name in FOOD_FIGURES.items():
        total = row[f"{field}_sum"]
        figures[name] = None if total is None else to_hundredths(total)
    figures["incomplete"] = frozenset(field for field in FOOD_FIGURES if row[f"{field}_missing"])
    return figures


def chart_data(days):
    """Plain numbers for static/js/week.js; the table in the page carries the same figures.
    A day with nothing logged, or no figure, is a gap (null), not a 0 mg bar."""

    def number(value, logged=True):
        return None if value is None or not logged else float(value)

    return {
        "labels": [day.day.strftime("%a %-d %b") for day in days],
        "food_mg": [number(day.food_mg, day.logged) for day in days],
        "supplement_mg": [number(day.supplement_mg, day.logged) for day in days],
        "goal_mg": [day.goal_mg for day in days],
        "dizziness": [number(day.dizziness) for day in days],
        "fatigue": [number(day.fatigue) for day in days],
        "anxiety": [number(day.anxiety) for day in days],
    }


@dataclass(frozen=True)
class WeekSummary:
    """The week at a glance, by the rules the insights and the doctor report use too: magnesium is averaged
    over the days with food logged and a known total, symptom scores over each scored day's mean."""

    days: list

    @property
    def magnesium_days(self):
        """An empty day is not a day of 0 mg, nor is a day of supplements with no food logged."""
        return [day for day in self.days if day.entries and day.total_mg is not None]

    @property
    def symptom_means(self):
        means = {}
        for name in SUMMARY_SCORES:
            scored = [getattr(day, name) for day in self.days if getattr(day, name) is not None]
            means[name] = tenths(sum(scored) / len(scored)) if scored else None
        return means

    @property
    def mean_total_mg(self):
        days = self.magnesium_days
        return to_hundredths(sum(day.total_mg for day in days) / len(days)) if days else None

    @property
    def mean_goal_percent(self):
        days = self.magnesium_days
        return whole(sum(day.total_mg for day in days) * 100 / sum(day.goal_mg for day in days)) if days else None

    @property
    def magnesium_incomplete(self):
        return any(day.magnesium_incomplete for day in self.magnesium_days)
