"""The project's curated food table (foods/data/): a chosen few hundred USDA foods.

build_food_table writes it from the releases, load_foods reads it back. The figures
are kept as the text USDA gives ("0.5", "28.35"), so the table is the release, cut.
"""

import csv
from pathlib import Path

from foods.models import Food
from foods.usda.files import ReleaseError, csv_rows
from foods.usda.records import (
    NUTRIENT_NAMES,
    BadNumber,
    FoodRecord,
    Rejected,
    in_sequence,
    parse_amount,
    screened_food,
    screened_portion,
)

TABLE_DIR = Path(__file__).resolve().parent.parent / "data"
SELECTION, FOODS, PORTIONS = "selection.csv", "foods.csv", "portions.csv"
FOOD_COLUMNS = ["source", "source_id", "name", "category", *NUTRIENT_NAMES, "release"]
PORTION_COLUMNS = ["source", "source_id", "position", "description", "grams"]


def read_selection(folder=TABLE_DIR):
    """The (source, source_id) pairs chosen in selection.csv, in file order; # starts a comment line."""
    path = folder / SELECTION
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except OSError as error:
        raise ReleaseError(f"cannot read {path}: {error.strerror}") from error
    sources = set(Food.Source.values) - {Food.Source.CUSTOM}
    chosen = []
    for row in csv.DictReader(lines):
        if row["source"] not in sources:
            raise ReleaseError(f"{path}: unknown source {row['source']!r} for {row['source_id']}")
        chosen.append((row["source"], row["source_id"]))
    return chosen


def write_table(records, folder=TABLE_DIR):
    """Write FoodRecords to foods.csv and portions.csv, figures as their exact text."""
    with open(folder / FOODS, "w", newline="", encoding="utf-8") as foods_file:
        writer = csv.writer(foods_file, lineterminator="\n")
        writer.writerow(FOOD_COLUMNS)
        for record in records:
            figures = [_text(record.nutrients.get(name)) for name in NUTRIENT_NAMES]
            writer.writerow([record.source, record.source_id, record.name, record.category, *figures, record.release])
    with open(folder / PORTIONS, "w", newline="", encoding="utf-8") as portions_file:
        writer = csv.writer(portions_file, lineterminator="\n")
        writer.writerow(PORTION_COLUMNS)
        for record in records:
            for position, portion in enumerate(record.portions, start=1):
                writer.writerow([record.source, record.source_id, position, portion.description, _text(portion.grams)])


def read_table(folder=TABLE_DIR):
    """Yield a FoodRecord for each row of foods.csv with its portions, or a Rejected (checked like an import)."""
    portions = {}
    for line, row in csv_rows(folder / PORTIONS, PORTION_COLUMNS):
        key = (row["source"], row["source_id"])
        try:
            grams = parse_amount(row["grams"], "grams")
        except BadNumber as error:
            yield Rejected(PORTIONS, line, row["source_id"], "not a number", str(error))
            continue
        portion = screened_portion(row["description"], grams, PORTIONS, line, row["source_id"])
        if isinstance(portion, Rejected):
            yield portion
        else:
            portions.setdefault(key, []).append((row["position"], portion))
    for line, row in csv_rows(folder / FOODS, FOOD_COLUMNS):
        key = (row["source"], row["source_id"])
        try:
            nutrients = {name: parse_amount(row[name], name) for name in NUTRIENT_NAMES}
        except BadNumber as error:
            yield Rejected(FOODS, line, row["source_id"], "not a number", str(error))
            continue
        record = FoodRecord(*key, row["name"], row["category"], nutrients, in_sequence(portions.get(key, [])),
                            row["release"])
        yield screened_food(record, FOODS, line)


def _text(value):
    return "" if value is None else str(value)
