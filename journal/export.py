"""CSV files a person can hand to their doctor.

Cells that a spreadsheet would run as a formula (text beginning with = + - @,
a tab or a carriage return) are prefixed with an apostrophe, so a food or note
named "=HYPERLINK(...)" stays text.
"""

import csv

from journal.models import MealEntry, SupplementDose, SymptomNote
from journal.rounding import to_hundredths
from journal.summaries import summarize

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    writer = csv.writer(Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def hundredths(value):
    """Every milligram figure of every file to 0.01, as the day page shows it; None stays an empty cell."""
    return None if value is None else to_hundredths(value)


# An empty figure means no data, never 0; the notes column says which totals are incomplete (templates/journal/
# export.html tells the reader).
DAILY_HEADER = [
    "date", "magnesium_food_mg", "magnesium_supplements_mg", "magnesium_total_mg", "goal_mg", "percent_of_goal",
    "sodium_food_mg", "potassium_food_mg", "calcium_food_mg", "dizziness_mean", "fatigue_mean", "anxiety_mean",
    "meal_entries", "supplement_doses", "symptom_notes", "notes",
]


def daily_rows(user, profile, first, last):
    for day in summarize(user, profile, first, last):
        if not day.logged:
            # A day left empty is not a day of 0 mg: blank figures keep it out of a spreadsheet's averages.
            yield [day.day.isoformat(), None, None, None, day.goal_mg, *[None] * 7, 0, 0, 0, "nothing logged"]
            continue
        yield [
            day.day.isoformat(), day.food_mg, day.supplement_mg, day.total_mg, day.goal_mg, day.goal_percent,
            day.sodium_mg, day.potassium_mg, day.calcium_mg, day.dizziness, day.fatigue, day.anxiety,
            day.entries, day.doses, day.notes, "; ".join(day.food_figure_notes()),
        ]


ENTRY_HEADER = [
    "date", "time", "record", "meal", "item", "amount", "grams", "magnesium_mg", "sodium_mg", "potassium_mg",
    "calcium_mg", "energy_kcal", "source", "source_id", "supplement_form", "dizziness", "fatigue", "anxiety",
    "heart_rate_lying", "heart_rate_standing", "note", "elemental_mg_per_unit", "elemental_source",
]


NUTRIENT_COLUMNS = ("magnesium_mg", "sodium_mg", "potassium_mg", "calcium_mg", "energy_kcal")


def entry_rows(user, profile, first, last):
    """Every meal entry, supplement dose and symptom note in the range, each kind in date order."""
    meals = MealEntry.objects.filter(user=user, date__range=(first, last)).order_by("date", "meal", "pk")
    for entry in meals.iterator():
        amount = ""
        if entry.portion_description:
            amount = f"{entry.portion_quantity.normalize():f} × {entry.portion_description}"
        yield [
            entry.date.isoformat(), "", "meal", entry.get_meal_display(), entry.food_name, amount, entry.grams,
            *(hundredths(getattr(entry, name)) for name in NUTRIENT_COLUMNS),
            entry.get_food_source_display(), entry.food_source_id, "", "", "", "", "", "", "", "", "",
        ]
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last)).order_by("taken_at", "pk")
    for dose in doses.iterator():
        local = dose.taken_at.astimezone(profile.zone)
        yield [
            dose.date.isoformat(), local.strftime("%H:%M"), "supplement", "", dose.product_name,
            f"{dose.units.normalize():f} unit(s)", "", dose.elemental_mg, "", "", "", "", "supplement product", "",
            dose.get_form_display(), "", "", "", "", "", "", dose.elemental_mg_per_unit, dose.elemental_source,
        ]
    notes = SymptomNote.objects.filter(user=user, date__range=(first, last)).order_by("recorded_at", "pk")
    for note in notes.iterator():
        local = note.recorded_at.astimezone(profile.zone)
        yield [
            note.date.isoformat(), local.strftime("%H:%M"), "symptoms", "", "", "", "", "", "", "", "", "", "", "", "",
            note.dizziness, note.fatigue, note.anxiety, note.heart_rate_lying, note.heart_rate_standing, note.text,
            "", "",
        ]
