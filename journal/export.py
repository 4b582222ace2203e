"""CSV files a person can hand to their doctor.

Cells that a spreadsheet would run as a formula (text beginning with = + - @,
a tab or a carriage return) are prefixed with an apostrophe, so a food or note
named "=HYPERLINK(...)" stays text.
"""

import csv
import io
import itertools
from dataclasses import replace

from foods.figures import PRECISION, plain, rounded
from journal.lab_history import with_intake_before
from journal.ledger import IN_RANGE, days_of, figure_notes_of
from journal.models import (
    ENTRY_SOURCES,
    Drink,
    LabResult,
    MealEntry,
    Medicine,
    MedicineDose,
    StandTest,
    SupplementDose,
    SymptomNote,
)
from mgtracker.prepared import PreparedValues

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
DELIMITER, LINE_END = csv.excel.delimiter, csv.excel.lineterminator  # what csv.writer writes between cells and rows


def csv_chunks(header, rows, encoded=False):
    """The file in chunks of ROWS_PER_CHUNK rows, so a download of any length is streamed without holding more than
    one chunk. Each cell is made safe, unless the rows are `encoded`: each of their cells is already text as the file
    holds it (safe, and quoted where csv would quote it: see _Cells), and a row is only joined."""
    lines = _encoded_lines if encoded else _written_lines
    text = _written_lines([header])
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, ROWS_PER_CHUNK)):
        text += lines(chunk)
        if len(chunk) == ROWS_PER_CHUNK:
            yield text
            text = ""
    yield text


def _written_lines(rows):
    """Rows as csv.writer writes them, each cell made safe."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(map(_safe_row, rows))
    return buffer.getvalue()


def _encoded_lines(rows):
    """Rows of cells already as the file holds them (_Cells), joined as csv.writer joins cells and rows."""
    return LINE_END.join(map(DELIMITER.join, rows)) + LINE_END


# An empty figure means no data, never 0. templates/journal/export.html tells the reader what each column holds.
DAILY_HEADER = [
    "date", "magnesium_food_mg", "magnesium_supplements_mg", "magnesium_total_mg", "magnesium_total_is",
    "foods_logged", "foods_with_magnesium", "goal_mg", "percent_of_goal", "sodium_food_mg", "potassium_food_mg",
    "calcium_food_mg", "energy_food_kcal", "dizziness_mean", "fatigue_mean", "anxiety_mean", "supplement_doses",
    "symptom_notes", "food_log", "supplements", "counted_in_averages", "notes", "fluid_ml", "sodium_mg",
    "potassium_mg", "hr_rise_bpm_max",
]


def daily_rows(profile, first, last):
    days = days_of(profile, first, last)
    notes_by_day = figure_notes_of(profile, days)
    for day in days:
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
MEAL_FIELDS = ("date", "meal", "food_name", "portion_description", "portion_quantity", "grams",
               *(name for name, _ in NUTRIENT_COLUMNS), "food_source", "food_source_id", "water_g",
               "estimated_figures", "estimated_from")
DOSE_FIELDS = ("date", "taken_at", "product_name", "units", "elemental_mg", "sodium_mg", "potassium_mg", "form",
               "elemental_mg_per_unit", "elemental_working", "water_ml")
MEDICINE_DOSE_FIELDS = ("date", "taken_at", "medicine__name", "medicine__dose", "medicine__kind")
DRINK_FIELDS = ("date", "kind", "ml")
NOTE_FIELDS = ("date", "recorded_at", "dizziness", "fatigue", "anxiety", "heart_rate_lying", "heart_rate_standing",
               "text")
MEAL_LABELS = dict(MealEntry.Meal.choices)
SOURCE_LABELS = dict(ENTRY_SOURCES)
FORM_LABELS = dict(SupplementDose._meta.get_field("form").choices)
DRINK_LABELS = dict(Drink.Kind.choices)
MEDICINE_KIND_LABELS = dict(Medicine.Kind.choices)


def _meals(user, first, last):
    meals = MealEntry.objects.filter(user=user, date__range=(first, last)).in_day_order()
    return meals.values_list(*MEAL_FIELDS)


def _doses(user, first, last):
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last)).order_by("taken_at", "pk")
    return doses.values_list(*DOSE_FIELDS)


def _medicine_doses(user, first, last):
    doses = MedicineDose.objects.filter(user=user, date__range=(first, last)).order_by("taken_at", "pk")
    return doses.values_list(*MEDICINE_DOSE_FIELDS)


def _drinks(user, first, last):
    drinks = Drink.objects.filter(user=user, date__range=(first, last)).order_by("date", "created_at", "pk")
    return drinks.values_list(*DRINK_FIELDS)


def _notes(user, first, last):
    notes = SymptomNote.objects.filter(user=user, date__range=(first, last)).order_by("recorded_at", "pk")
    return notes.values_list(*NOTE_FIELDS)


# The entries file's queries, their SQL built once per database connection (mgtracker.prepared): for a file of a few
# thousand rows, building them through the ORM cost as much as writing the rows.
MEALS = PreparedValues(_meals, **IN_RANGE)
DOSES = PreparedValues(_doses, **IN_RANGE)
MEDICINE_DOSES = PreparedValues(_medicine_doses, **IN_RANGE)
DRINKS = PreparedValues(_drinks, **IN_RANGE)
NOTES = PreparedValues(_notes, **IN_RANGE)
FETCH_SIZE = 2000  # rows read from the database at a time


def _figure_note(source, missing, estimated_figures, estimated_from):
    """What an entry from `source` lacks or borrows, as the day page words it (a FigureNote, its food not yet named),
    or None; `missing` holds each nutrient's and water's "is None", which is all the note reads of the figures. Most
    entries lack nothing."""
    if not estimated_figures and not any(missing):
        return None
    *nutrients_missing, water_missing = missing
    figures = {column: None if absent else 0 for (column, _), absent in zip(NUTRIENT_COLUMNS, nutrients_missing,
                                                                             strict=True)}
    entry = MealEntry(food_source=source, water_g=None if water_missing else 0, estimated_figures=estimated_figures,
                      estimated_from=estimated_from, **figures)
    return entry.figure_note


MEMO_SIZE = 1000  # distinct values a column remembers before it starts again: memory stays flat over any range


class _Memo(dict):
    """`function` of each value, worked out once while a file is written: a diary repeats its foods, portions and
    labels, and quoting a text costs more than looking it up."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        if len(self) >= MEMO_SIZE:
            self.clear()
        value = self[key] = self.function(key)
        return value


class _Cells:
    """Cells as the entries file holds them, so that it joins its rows itself: for a long file, csv.writer cost more
    than everything else. Text is made safe (safe_cell) and quoted by csv.writer itself (a comma, quote or line break
    in it), so each reads exactly as the writer would have written it among the row's other cells."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)

    def text(self, value):
        # With an empty cell after it, as in a row of many: a lone empty cell would be written as "".
        self.writer.writerow((safe_cell(value), ""))
        cell = self.buffer.getvalue()[: -len(DELIMITER + LINE_END)]
        self.buffer.seek(0)
        self.buffer.truncate()
        return cell

    def texts(self, convert, shown=None):
        """A _Memo of the cell of each of a column's values (as `shown` gives it to the reader, if given)."""
        if shown is None:
            return _Memo(lambda value: self.text(convert(value)))
        return _Memo(lambda value: self.text(shown(convert(value))))


def _number(value):
    """A number's cell, as csv.writer writes it (digits need no quotes, and are not formula text); None is empty."""
    return "" if value is None else str(value)


# SQLite keeps a REAL to 15 significant digits (Django's SQLite converter reads decimals at that precision).
SQLITE_DIGITS = 15


def _figure_cells(field, convert, kind):
    """A function from a stored figure of `field` (a DecimalField), as the database driver gives it, to its cell:
    rounded(value, kind), with the value Django's converter would give, as csv.writer writes it.

    SQLite gives each figure as the float nearest to it, or an int when it is whole; making a Decimal of each and
    rounding it cost more than the rest of the row. When the float is exactly the one nearest to a whole count of the
    column's steps (thousandths, for an entry's three decimal places), as every figure Django stored is, and it fits
    the column (at most 15 digits), Django's converter, which reads the float to 15 significant digits, gives exactly
    that count of steps; rounding it half up to a whole number is then integer arithmetic. Anything else
    (PostgreSQL's Decimals, a figure off the column's steps, no data) goes through the converter and rounded().
    """
    def through_rounded(value):
        return _number(rounded(convert(value), kind))

    if PRECISION[kind] != 1 or field.max_digits > SQLITE_DIGITS:
        return through_rounded
    steps_per_unit = 10 ** field.decimal_places
    bound = 10 ** (field.max_digits - field.decimal_places)  # the column holds figures below this

    def cell(value):
        # Above 0 only: -0.0 would read "-0" through Decimal.
        if type(value) is float and 0 < value < bound:
            steps = round(value * steps_per_unit)
            if steps / steps_per_unit == value:
                return str((steps + steps_per_unit // 2) // steps_per_unit)
        elif value is None:
            return ""
        elif type(value) is int and 0 <= value < bound:
            return str(value)
        return through_rounded(value)
    return cell


def _figure_columns(model, columns, converters):
    """The cells function (_figure_cells) of each (field name, kind) in `columns`, with that column's converter."""
    return [_figure_cells(model._meta.get_field(name), convert, kind)
            for (name, kind), convert in zip(columns, converters, strict=True)]


def entry_rows(profile, first, last):
    """Every meal entry, supplement dose, medicine dose, drink and symptom note in the range, each kind in date order
    (meals in the order of the day: breakfast, lunch, dinner, snack). A day's fluid_ml, sodium_mg and potassium_mg
    in the daily file are the sums of these rows'. Each cell is text as the file holds it (csv_chunks(encoded=True)).

    The file may hold years of entries: rows are read as the database gives them, a chunk at a time, and each
    column's distinct values are formatted once (_Memo), its figures by _figure_cells."""
    cells = _Cells()
    in_range = {"user": profile.user_id, "first": first, "last": last}
    yield from _meal_rows(cells, in_range)
    yield from _dose_rows(cells, in_range, profile.zone)
    yield from _medicine_dose_rows(cells, in_range, profile.zone)
    yield from _drink_rows(cells, in_range)
    yield from _note_rows(cells, in_range, profile.zone)


def _dates(convert):
    return _Memo(lambda value: convert(value).isoformat())


def _meal_rows(cells, in_range):
    (day_of, meal_of, name_of, description_of, quantity_of, grams_of, *nutrient_converters, source_of, source_id_of,
     water_of, _, _) = MEALS.converters()
    dates = _dates(day_of)
    meals = cells.texts(meal_of, lambda meal: MEAL_LABELS.get(meal, meal))
    names = cells.texts(name_of)
    # An imported amount whose weight is unknown reads as its file gave it.
    amounts = _Memo(lambda key: cells.text(
        f"{plain(quantity_of(key[1]))} × {description_of(key[0])}" if quantity_of(key[1]) else description_of(key[0])
    ))
    grams_shown = _Memo(lambda value: _number(_as_given(grams_of(value))))
    magnesium, sodium, potassium, calcium, energy = _figure_columns(MealEntry, NUTRIENT_COLUMNS, nutrient_converters)
    water = _figure_cells(MealEntry._meta.get_field("water_g"), water_of, "ml")
    sources = cells.texts(source_of, lambda source: SOURCE_LABELS.get(source, source))
    source_ids = cells.texts(source_id_of)
    # What entries lack is worked out once for each source and set of gaps, then named for each food.
    figure_notes = _Memo(lambda key: _figure_note(*key))

    def note_cell(key):
        name, *lacking = key
        note = figure_notes[tuple(lacking)]
        return "" if note is None else cells.text(str(replace(note, food_name=name)))
    notes = _Memo(note_cell)
    for chunk in MEALS.chunks(FETCH_SIZE, **in_range):
        for (day, meal, name, description, quantity, grams, magnesium_mg, sodium_mg, potassium_mg, calcium_mg,
             energy_kcal, source, source_id, water_g, estimated_figures, estimated_from) in chunk:
            missing = (magnesium_mg is None, sodium_mg is None, potassium_mg is None, calcium_mg is None,
                       energy_kcal is None, water_g is None)
            yield [
                dates[day], "", "meal", meals[meal], names[name], amounts[description, quantity],
                grams_shown[grams], magnesium(magnesium_mg), sodium(sodium_mg), potassium(potassium_mg),
                calcium(calcium_mg), energy(energy_kcal), sources[source], source_ids[source_id], "", "", "", "", "",
                "", "", "", "", water(water_g), notes[name, source, missing, estimated_figures, estimated_from],
            ]


def _dose_rows(cells, in_range, zone):
    (day_of, taken_at_of, name_of, units_of, elemental_of, sodium_of, potassium_of, form_of, per_unit_of, working_of,
     water_of) = DOSES.converters()
    dates = _dates(day_of)
    names = cells.texts(name_of)
    amounts = cells.texts(units_of, lambda units: f"{plain(units)} unit(s)")
    forms = cells.texts(form_of, lambda form: FORM_LABELS.get(form, form))
    per_unit = cells.texts(per_unit_of, _as_given)
    elemental_sources = cells.texts(working_of, lambda working: SupplementDose(elemental_working=working)
                                    .elemental_source)
    magnesium, sodium, potassium, water = _figure_columns(
        SupplementDose, (("elemental_mg", "mg"), ("sodium_mg", "mg"), ("potassium_mg", "mg"), ("water_ml", "ml")),
        (elemental_of, sodium_of, potassium_of, water_of),
    )
    for chunk in DOSES.chunks(FETCH_SIZE, **in_range):
        for day, taken_at, name, units, elemental_mg, sodium_mg, potassium_mg, form, per_unit_mg, working, water_ml \
                in chunk:
            yield [
                dates[day], _local_time(taken_at_of(taken_at), zone), "supplement", "", names[name],
                amounts[units], "", magnesium(elemental_mg), sodium(sodium_mg), potassium(potassium_mg), "", "",
                "supplement product", "", forms[form], "", "", "", "", "", "", per_unit[per_unit_mg],
                elemental_sources[working], water(water_ml), "",
            ]


def _medicine_dose_rows(cells, in_range, zone):
    """A medicine taken: its name, its dose as on the prescription, and in `note` its kind, which is what says how it
    and magnesium bear on each other (journal.medicines). It carries no figure: medicines are no part of the totals."""
    day_of, taken_at_of, name_of, dose_of, kind_of = MEDICINE_DOSES.converters()
    dates = _dates(day_of)
    names = cells.texts(name_of)
    doses = cells.texts(dose_of)
    kinds = cells.texts(kind_of, lambda kind: MEDICINE_KIND_LABELS.get(kind, kind))
    for chunk in MEDICINE_DOSES.chunks(FETCH_SIZE, **in_range):
        for day, taken_at, name, dose, kind in chunk:
            yield [dates[day], _local_time(taken_at_of(taken_at), zone), "medicine", "", names[name], doses[dose],
                   *[""] * 14, kinds[kind], "", "", "", ""]


def _drink_rows(cells, in_range):
    day_of, kind_of, ml_of = DRINKS.converters()
    dates = _dates(day_of)
    kinds = cells.texts(kind_of, lambda kind: DRINK_LABELS.get(kind, kind))
    for chunk in DRINKS.chunks(FETCH_SIZE, **in_range):
        for day, kind, ml in chunk:
            ml = ml_of(ml)
            yield [dates[day], "", "drink", "", kinds[kind], f"{ml} ml", *[""] * 17, _number(ml), ""]


def _note_rows(cells, in_range, zone):
    day_of, recorded_at_of, dizziness_of, fatigue_of, anxiety_of, lying_of, standing_of, text_of = NOTES.converters()
    dates = _dates(day_of)
    for chunk in NOTES.chunks(FETCH_SIZE, **in_range):
        for day, recorded_at, dizziness, fatigue, anxiety, heart_rate_lying, heart_rate_standing, text in chunk:
            yield [
                dates[day], _local_time(recorded_at_of(recorded_at), zone), "symptoms", *[""] * 12,
                _number(dizziness_of(dizziness)), _number(fatigue_of(fatigue)), _number(anxiety_of(anxiety)),
                _number(lying_of(heart_rate_lying)), _number(standing_of(heart_rate_standing)),
                cells.text(text_of(text)), "", "", "", "",
            ]


def _local_time(moment, zone):
    """"22:30": strftime("%H:%M"), which took more than the rest of a dose's row."""
    local = moment.astimezone(zone)
    return f"{local.hour:02}:{local.minute:02}"


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
