"""CSV files a person can hand to their doctor.

Cells that a spreadsheet would run as a formula (text beginning with = + - @,
a tab or a carriage return) are prefixed with an apostrophe, so a food or note
named "=HYPERLINK(...)" stays text.
"""

import csv

from journal.models import MealEntry, SupplementDose, SymptomNote
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


DAILY_HEADER = [
    "date", "magnesium_food_mg", "magnesium_supplements_mg", "magnesium_total_mg", "goal_mg", "percent_of_goal",
    "sodium_food_mg", "potassium_food_mg", "calcium_food_mg", "dizziness_mean", "fatigue_mean", "anxiety_mean",
    "meal_entries", "supplement_doses", "symptom_notes",
]


def daily_rows(user, profile, first, last):
    for day in summarize(user, profile, first, last):
        yield [
            day.day.isoformat(), day.food_mg, day.supplement_mg, day.total_mg, day.goal_mg, day.goal_percent,
            day.sodium_mg, day.potassium_mg, day.calcium_mg,
            *(None if score is None else round(score, 1) for score in (day.dizziness, day.fatigue, day.anxiety)),
            day.entries, day.doses, day.notes,
        ]


ENTRY_HEADER = [
    "date", "time", "record", "meal", "item", "amount", "grams", "magnesium_mg", "sodium_mg", "potassium_mg",
    "calcium_mg", "energy_kcal", "source", "source_id", "supplement_form", "dizziness", "fatigue", "anxiety",
    "heart_rate_lying", "heart_rate_standing", "note",
]


def entry_rows(user, profile, first, last):
    """Every meal entry, supplement dose and symptom note in the range, each kind in date order."""
    meals = MealEntry.objects.filter(user=user, date__range=(first, last)).order_by("date", "meal", "pk")
    for entry in meals.iterator():
        amount = ""
        if entry.portion_description:
            amount = f"{entry.portion_quantity.normalize():f} × {entry.portion_description}"
        yield [
            entry.date.isoformat(), "", "meal", entry.get_meal_display(), entry.food_name, amount, entry.grams,
            entry.magnesium_mg, entry.sodium_mg, entry.potassium_mg, entry.calcium_mg, entry.energy_kcal,
            entry.get_food_source_display(), entry.food_source_id, "", "", "", "", "", "", "",
        ]
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last)).order_by("taken_at", "pk")
    for dose in doses.iterator():
        local = dose.taken_at.astimezone(profile.zone)
        yield [
            dose.date.isoformat(), local.strftime("%H:%M"), "supplement", "", dose.product_name,
            f"{dose.units.normalize():f} unit(s)", "", dose.elemental_mg, "", "", "", "", "label", "",
            dose.get_form_display(), "", "", "", "", "", "",
        ]
    notes = SymptomNote.objects.filter(user=user, date__range=(first, last)).order_by("recorded_at", "pk")
    for note in notes.iterator():
        local = note.recorded_at.astimezone(profile.zone)
        yield [
            note.date.isoformat(), local.strftime("%H:%M"), "symptoms", "", "", "", "", "", "", "", "", "", "", "", "",
            note.dizziness, note.fatigue, note.anxiety, note.heart_rate_lying, note.heart_rate_standing, note.text,
        ]
