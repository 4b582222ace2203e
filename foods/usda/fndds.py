"""FNDDS 2021-2023, the survey foods, from the CSV conversions of the ARS "At A Glance" workbooks."""

from collections import defaultdict

from foods.models import Food
from foods.usda.files import csv_rows
from foods.usda.records import (
    BadNumber,
    FoodRecord,
    Rejected,
    in_sequence,
    parse_amount,
    screened_food,
    screened_portion,
)

RELEASE = "USDA FNDDS 2021-2023"
MARKER = "fndds_2021-2023_nutrient_values.csv"
PORTIONS_FILE = "fndds_2021-2023_portions_and_weights.csv"

COLUMNS = {
    "magnesium_mg": "Magnesium (mg)",
    "potassium_mg": "Potassium (mg)",
    "sodium_mg": "Sodium (mg)",
    "calcium_mg": "Calcium (mg)",
    "energy_kcal": "Energy (kcal)",
    "water_g": "Water (g)",
}
CODE, NAME, CATEGORY = "Food code", "Main food description", "WWEIA Category description"


def read(folder):
    """Yield a FoodRecord for each food code, or a Rejected for each row that cannot be true."""
    portions = defaultdict(list)  # food code -> [(seq num, PortionRecord)]; the file is not in seq order
    columns = [CODE, "Seq num", "Portion description", "Portion weight (g)"]
    for line, row in csv_rows(folder / PORTIONS_FILE, columns):
        code = row[CODE]
        try:
            grams = parse_amount(row["Portion weight (g)"], "Portion weight (g)")
        except BadNumber as error:
            yield Rejected(PORTIONS_FILE, line, code, "not a number", str(error))
            continue
        portion = screened_portion(row["Portion description"], grams, PORTIONS_FILE, line, code)
        if isinstance(portion, Rejected):
            yield portion
        else:
            portions[code].append((row["Seq num"], portion))

    for line, row in csv_rows(folder / MARKER, [CODE, NAME, CATEGORY, *COLUMNS.values()]):
        code = row[CODE]
        try:
            nutrients = {field: parse_amount(row[column], column) for field, column in COLUMNS.items()}
        except BadNumber as error:
            yield Rejected(MARKER, line, code, "not a number", str(error))
            continue
        record = FoodRecord(Food.Source.FNDDS, code, row[NAME], row[CATEGORY], nutrients,
                            in_sequence(portions.get(code, [])), RELEASE)
        yield screened_food(record, MARKER, line)
