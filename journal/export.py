"""CSV files a person can hand to their doctor.

Cells that a spreadsheet would run as a formula (text beginning with = + - @,
a tab or a carriage return) are prefixed with an apostrophe, so a food or note
named "=HYPERLINK(...)" stays text.
"""

import csv
import io
import itertools

from django.db import connections
from django.db.models.sql.constants import MULTI

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


def _safe_row(row):
    # safe_cell, inlined: it runs for every cell of every row. csv writes None as an empty cell itself.
    return ["'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value for value in row]


ROWS_PER_CHUNK = 1000  # one chunk sent a thousand rows at a time: a few hundred kB, whatever the range


def csv_chunks(header, rows, safe=False):
    """The file in chunks of ROWS_PER_CHUNK rows, each cell made safe (unless `safe`: the rows' cells already are),
    so a download of any length is streamed without holding more than one chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, ROWS_PER_CHUNK)):
        writer.writerows(chunk if safe else map(_safe_row, chunk))
        if len(chunk) == ROWS_PER_CHUNK:
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


def _figures_note(name, source, missing, estimated_figures, estimated_from):
    """The entry's note on a missing or estimated figure, as the day page words it (which figures are missing is all
    it reads of them: `missing` holds each nutrient's and water's "is None"); most entries have none."""
    if not estimated_figures and not any(missing):
        return ""
    *nutrients_missing, water_missing = missing
    figures = {column: None if absent else 0 for (column, _), absent in zip(NUTRIENT_COLUMNS, nutrients_missing,
                                                                             strict=True)}
    entry = MealEntry(food_name=name, food_source=source, water_g=None if water_missing else 0,
                      estimated_figures=estimated_figures, estimated_from=estimated_from, **figures)
    return safe_cell(str(entry.figure_note or ""))


MEMO_SIZE = 1000  # distinct values a column remembers before it starts again: memory stays flat over any range


class _Memo(dict):
    """`function` of each value, worked out once while a file is written: a diary repeats its foods, portions and
    figures, and formatting a Decimal costs more than looking it up."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        if len(self) >= MEMO_SIZE:
            self.clear()
        value = self[key] = self.function(key)
        return value


def _as_fetched(queryset, chunk_size=2000):
    """A values_list queryset's rows as the database driver gives them, and each column's converter to the value
    values_list would give (Django's own converters for the database in use): the caller converts each distinct
    value once, through a _Memo, instead of every cell."""
    compiler = queryset.query.get_compiler(queryset.db)
    chunks = compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=chunk_size)
    columns = [column for column, _, _ in compiler.select[:compiler.col_count]]
    converters = compiler.get_converters(columns)
    connection = connections[queryset.db]

    def converter(position):
        functions, expression = converters.get(position, ((), None))

        def convert(value):
            for function in functions:
                value = function(value, expression, connection)
            return value
        return convert

    return itertools.chain.from_iterable(chunks), [converter(position) for position in range(len(columns))]


def entry_rows(profile, first, last):
    """Every meal entry, supplement dose, drink and symptom note in the range, each kind in date order (meals in the
    order of the day: breakfast, lunch, dinner, snack). A day's fluid_ml, sodium_mg and potassium_mg in the daily
    file are the sums of these rows'. Each cell is already safe in a spreadsheet (safe_cell)."""
    user = profile.user_id
    meals = MealEntry.objects.filter(user=user, date__range=(first, last)).in_day_order()
    # Plain rows, not model instances, each distinct value formatted once: the file may hold years of entries.
    rows, (day_of, meal_of, name_of, description_of, quantity_of, grams_of, *nutrient_converters, source_of,
           source_id_of, water_of, _, _) = _as_fetched(meals.values_list(*ENTRY_FIELDS))
    dates = _Memo(lambda value: day_of(value).isoformat())
    meals_shown = _Memo(lambda value: MEAL_LABELS.get(meal_of(value), meal_of(value)))
    texts = _Memo(lambda value: safe_cell(name_of(value)))
    # An imported amount whose weight is unknown reads as its file gave it.
    amounts = _Memo(lambda key: safe_cell(
        f"{plain(quantity_of(key[1]))} × {description_of(key[0])}" if quantity_of(key[1]) else description_of(key[0])
    ))
    grams_shown = _Memo(lambda value: _as_given(grams_of(value)))
    figures = [_Memo(lambda value, convert=convert, kind=kind: rounded(convert(value), kind))
               for convert, (_, kind) in zip(nutrient_converters, NUTRIENT_COLUMNS, strict=True)]
    sources = _Memo(lambda value: SOURCE_LABELS.get(source_of(value), source_of(value)))
    source_ids = _Memo(lambda value: safe_cell(source_id_of(value)))
    water = _Memo(lambda value: rounded(water_of(value), "ml"))
    notes = _Memo(lambda key: _figures_note(*key))
    magnesium, sodium, potassium, calcium, energy = figures
    for (day, meal, name, description, quantity, grams, magnesium_mg, sodium_mg, potassium_mg, calcium_mg,
         energy_kcal, source, source_id, water_g, estimated_figures, estimated_from) in rows:
        missing = (magnesium_mg is None, sodium_mg is None, potassium_mg is None, calcium_mg is None,
                   energy_kcal is None, water_g is None)
        yield [
            dates[day], "", "meal", meals_shown[meal], texts[name], amounts[description, quantity], grams_shown[grams],
            magnesium[magnesium_mg], sodium[sodium_mg], potassium[potassium_mg], calcium[calcium_mg],
            energy[energy_kcal], sources[source], source_ids[source_id], "", "", "", "", "", "", "", "", "",
            water[water_g], notes[name, source, missing, estimated_figures, estimated_from],
        ]
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last)).order_by("taken_at", "pk")
    for dose in doses.iterator():
        local = dose.taken_at.astimezone(profile.zone)
        yield _safe_row([
            dose.date.isoformat(), local.strftime("%H:%M"), "supplement", "", dose.product_name,
            f"{plain(dose.units)} unit(s)", "", rounded(dose.elemental_mg, "mg"), rounded(dose.sodium_mg, "mg"),
            rounded(dose.potassium_mg, "mg"), "", "", "supplement product", "", dose.get_form_display(), "", "", "", "",
            "", "", _as_given(dose.elemental_mg_per_unit), dose.elemental_source, rounded(dose.water_ml, "ml"), "",
        ])
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
            note.dizziness, note.fatigue, note.anxiety, note.heart_rate_lying, note.heart_rate_standing,
            safe_cell(note.text), "", "", "", "",
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
