"""CSV files a person can hand to their doctor.

Cells that a spreadsheet would run as a formula (text beginning with = + - @,
a tab or a carriage return) are prefixed with an apostrophe, so a food or note
named "=HYPERLINK(...)" stays text.
"""

import csv
import io

from foods.figures import plain, rounded
from journal.lab_history import with_intake_before
from journal.ledger import days_of, figure_notes_of
from journal.models import ENTRY_SOURCES, Drink, LabResult, MealEntry, StandTest, SupplementDose, SymptomNote

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """One cell, safe in a spreadsheet; csv_chunks does the same inline for the files' many cells."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


ROWS_PER_CHUNK = 1000  # one chunk sent a thousand rows at a time: a few hundred kB, whatever the range


def csv_chunks(header, rows):
    """The file in chunks of ROWS_PER_CHUNK rows, each cell made safe, so a download of any length is streamed
    without holding more than one chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        # safe_cell, inlined: it runs for every cell of every row. csv writes None as an empty cell itself.
        writer.writerow([
            "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value for value in row
        ])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# An empty figure means no data, never 0. templates/journal/export.html tells the reader what each column holds.
DAILY_HEADER = [
    "date", "magnesium_food_mg", "magnesium_supplements_mg", "magnesium_total_mg", "magnesium_total_is",
    "foods_logged", "foods_with_magnesium", "goal_mg", "percent_of_goal", "sodium_food_mg", "potassium_food_mg",
    "calcium_food_mg", "energy_food_kcal", "dizziness_mean", "fatigue_mean", "anxiety_mean", "supplement_doses",
    "symptom_notes", "food_log", "supplements", "counted_in_averages", "notes", "fluid_ml", "sodium_mg",
    "potassium_mg", "hr_rise_bpm_max",
]


def daily_rows(profile, first, last):
    notes_by_day = figure_notes_of(profile, first, last)
    for day in days_of(profile, first, last):
        magnesium = day.magnesium
        figure_notes = [str(note) for note in notes_by_day.get(day.day, [])]
        yield [
            day.day.isoformat(), day.food_magnesium.total, day.recorded_supplement_mg, magnesium.total,
            _state(magnesium), day.entries, magnesium.reporting, day.goal.mg, day.percent_of_goal,
            *(day.food[field].total for field in ("sodium_mg", "potassium_mg", "calcium_mg", "energy_kcal")),
            *day.summary_score_means, day.doses, day.notes, day.food_log, day.supplements,
            "no" if day.left_out_because else "yes",
            "; ".join(filter(None, [day.left_out_because, *day.incomplete_electrolytes(), *figure_notes])),
            # Food, drinks and products together, as the day page's panel shows them.
            day.fluid.total, day.sodium.total, day.potassium.total, day.hr_rise_bpm_max,
        ]


def _as_given(value):
    return None if value is None else plain(value)


def _state(amount):
    if amount.known:
        return "exact"
    return "lower bound" if amount.lower_bound else ""


ENTRY_HEADER = [
    "date", "time", "record", "meal", "item", "amount", "grams", "magnesium_mg", "sodium_mg", "potassium_mg",
    "calcium_mg", "energy_kcal", "source", "source_id", "supplement_form", "dizziness", "fatigue", "anxiety",
    "heart_rate_lying", "heart_rate_standing", "note", "elemental_mg_per_unit", "elemental_source", "fluid_ml",
    "figures_note",
]


# Each entry's figures, at the display precision of their kind (foods.figures), as the day page shows them.
NUTRIENT_COLUMNS = (("magnesium_mg", "mg"), ("sodium_mg", "mg"), ("potassium_mg", "mg"), ("calcium_mg", "mg"),
                    ("energy_kcal", "kcal"))
ENTRY_FIELDS = ("date", "meal", "food_name", "portion_description", "portion_quantity", "grams",
                *(name for name, _ in NUTRIENT_COLUMNS), "food_source", "food_source_id", "water_g",
                "estimated_figures", "estimated_from")
MEAL_LABELS = dict(MealEntry.Meal.choices)
SOURCE_LABELS = dict(ENTRY_SOURCES)


def _figures_note(name, source, nutrients, water_g, estimated_figures, estimated_from):
    """The entry's note on a missing or estimated figure, as the day page words it; most entries have none, and only
    those are made into a MealEntry to word it."""
    if not estimated_figures and water_g is not None and None not in nutrients:
        return ""
    figures = {column: value for (column, _), value in zip(NUTRIENT_COLUMNS, nutrients, strict=True)}
    entry = MealEntry(food_name=name, food_source=source, water_g=water_g, estimated_figures=estimated_figures,
                      estimated_from=estimated_from, **figures)
    return str(entry.figure_note or "")


def entry_rows(profile, first, last):
    """Every meal entry, supplement dose, drink and symptom note in the range, each kind in date order (meals in the
    order of the day: breakfast, lunch, dinner, snack). A day's fluid_ml, sodium_mg and potassium_mg in the daily
    file are the sums of these rows'."""
    user = profile.user_id
    meals = MealEntry.objects.filter(user=user, date__range=(first, last)).in_day_order()
    # Plain rows, not model instances: the file may hold years of entries.
    for (day, meal, name, description, quantity, grams, *nutrients, source, source_id, water_g, estimated_figures,
         estimated_from) in (
        meals.values_list(*ENTRY_FIELDS).iterator(chunk_size=2000)
    ):
        amount = description  # an imported amount whose weight is unknown reads as its file gave it
        if quantity:
            amount = f"{plain(quantity)} × {description}"
        yield [
            day.isoformat(), "", "meal", MEAL_LABELS.get(meal, meal), name, amount, _as_given(grams),
            *(rounded(value, kind) for value, (_, kind) in zip(nutrients, NUTRIENT_COLUMNS, strict=True)),
            SOURCE_LABELS.get(source, source), source_id, "", "", "", "", "", "", "", "", "", rounded(water_g, "ml"),
            _figures_note(name, source, nutrients, water_g, estimated_figures, estimated_from),
        ]
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last)).order_by("taken_at", "pk")
    for dose in doses.iterator():
        local = dose.taken_at.astimezone(profile.zone)
        yield [
            dose.date.isoformat(), local.strftime("%H:%M"), "supplement", "", dose.product_name,
            f"{plain(dose.units)} unit(s)", "", rounded(dose.elemental_mg, "mg"), rounded(dose.sodium_mg, "mg"),
            rounded(dose.potassium_mg, "mg"), "", "", "supplement product", "", dose.get_form_display(), "", "", "", "",
            "", "", _as_given(dose.elemental_mg_per_unit), dose.elemental_source, rounded(dose.water_ml, "ml"), "",
        ]
    drinks = Drink.objects.filter(user=user, date__range=(first, last)).order_by("date", "created_at", "pk")
    for drink in drinks.iterator():
        yield [
            drink.date.isoformat(), "", "drink", "", drink.get_kind_display(), f"{drink.ml} ml", *[""] * 17,
            drink.ml, "",
        ]
    notes = SymptomNote.objects.filter(user=user, date__range=(first, last)).order_by("recorded_at", "pk")
    for note in notes.iterator():
        local = note.recorded_at.astimezone(profile.zone)
        yield [
            note.date.isoformat(), local.strftime("%H:%M"), "symptoms", "", "", "", "", "", "", "", "", "", "", "", "",
            note.dizziness, note.fatigue, note.anxiety, note.heart_rate_lying, note.heart_rate_standing, note.text,
            "", "", "", "",
        ]


# One row per reading; each test's results (as its page works them out) are repeated on each of its rows, so a
# spreadsheet can filter readings and still see the test's rise.
STAND_TEST_HEADER = [
    "date", "time", "test", "tag", "position", "minute", "heart_rate_bpm", "systolic_mmhg", "diastolic_mmhg",
    "lying_mean_bpm", "highest_standing_bpm", "rise_bpm", "rise_criterion_bpm", "rise_reaches_criterion",
    "systolic_drop_3min_mmhg", "diastolic_drop_3min_mmhg", "fall_reaches_20_10_mmhg", "stopped_early", "symptoms",
    "notes",
]


def stand_test_rows(profile, first, last):
    tests = StandTest.objects.with_readings().filter(user=profile.user_id, date__range=(first, last))
    for number, test in enumerate(tests.order_by("started_at", "pk"), start=1):
        results = test.results
        peak = results.peak
        systolic, diastolic = results.drops
        about_test = [
            results.baseline_bpm, peak and peak.heart_rate, results.rise_bpm, results.rise_criterion_bpm,
            _yes_no(results.rise_bpm, results.rise_reaches_criterion), systolic.mmhg, diastolic.mmhg,
            _yes_no(systolic.mmhg, results.pressure_falls), test.get_stopped_early_display(),
            "; ".join(test.symptom_labels()), test.text,
        ]
        local = test.started_at.astimezone(profile.zone)
        for reading in [*test.supine, *test.standing]:
            yield [
                test.date.isoformat(), local.strftime("%H:%M"), number, test.get_tag_display(),
                reading.position, reading.minute, reading.heart_rate, reading.systolic, reading.diastolic, *about_test,
            ]


# One row per lab result: the value, unit and range as the lab printed them, the value in the analyte's base unit
# (mmol/L; creatinine µmol/L) with its working, and the mean daily magnesium of the 7 days before the sample.
LAB_HEADER = [
    "date", "test", "value", "unit", "range_low", "range_high", "position_in_range", "base_value", "base_unit",
    "conversions", "magnesium_7_days_before_mg", "days_counted_of_7", "days_left_out", "laboratory", "notes",
]


def lab_rows(profile, first, last):
    results = LabResult.objects.filter(user=profile.user_id, taken_on__range=(first, last)).order_by("taken_on", "pk")
    for row in with_intake_before(profile, results):
        result = row.result
        base = result.facts.base
        yield [
            result.taken_on.isoformat(), result.get_analyte_display(), plain(result.value), result.unit_label,
            _as_given(result.range_low), _as_given(result.range_high), result.position,
            result.facts.shown(result.converted(base.code), base.code), base.label, "; ".join(result.conversions),
            row.mean_mg, len(row.intake.counted), row.left_out_text, result.lab, result.note,
        ]


def _yes_no(figure, flag):
    """"yes" or "no", or empty when there is no figure to judge."""
    if figure is None:
        return ""
    return "yes" if flag else "no"
