"""FoodData Central Foundation Foods, CSV release (April 2025).

food.csv lists the foundation foods together with their samples and acquisitions;
foundation_food.csv names the current 340 (older, superseded versions stay in
food.csv), so only its fdc_ids are read.
"""

from collections import defaultdict

from foods.figures import plain
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

RELEASE = "USDA FoodData Central Foundation Foods (2025-04-24)"
MARKER = "foundation_food.csv"

# FDC nutrient ids (nutrient.csv). Energy: 1008 is the kcal figure when the lab gave
# one; most foundation foods have only the Atwater calculations, general (2047)
# before specific (2048) factors.
NUTRIENT_IDS = {
    "1090": "magnesium_mg", "1092": "potassium_mg", "1093": "sodium_mg", "1087": "calcium_mg", "1051": "water_g",
}
ENERGY_IDS = ("1008", "2047", "2048")
UNDETERMINED_UNIT = "undetermined"


def read(folder):
    """Yield a FoodRecord for each current foundation food, or a Rejected for each row that cannot be true."""
    current = {row["fdc_id"] for _, row in csv_rows(folder / "foundation_food.csv", ["fdc_id"])}
    category_rows = csv_rows(folder / "food_category.csv", ["id", "description"])
    categories = {row["id"]: row["description"] for _, row in category_rows}
    figures = defaultdict(dict)  # fdc_id -> {nutrient_id: Decimal}
    unreadable = set()  # fdc_ids with a figure that is not a number: the whole food is skipped
    wanted = {*NUTRIENT_IDS, *ENERGY_IDS}
    for line, row in csv_rows(folder / "food_nutrient.csv", ["fdc_id", "nutrient_id", "amount"]):
        if row["fdc_id"] in current and row["nutrient_id"] in wanted:
            try:
                figures[row["fdc_id"]][row["nutrient_id"]] = parse_amount(row["amount"], "amount")
            except BadNumber as error:
                unreadable.add(row["fdc_id"])
                yield Rejected("food_nutrient.csv", line, row["fdc_id"], "not a number", str(error))
    portions = defaultdict(list)  # fdc_id -> [(seq_num, PortionRecord)]
    for item in _read_portions(folder, current):
        if isinstance(item, Rejected):
            yield item
        else:
            fdc_id, seq, portion = item
            portions[fdc_id].append((seq, portion))

    for line, row in csv_rows(folder / "food.csv", ["fdc_id", "description", "food_category_id"]):
        fdc_id = row["fdc_id"]
        if fdc_id not in current or fdc_id in unreadable:
            continue
        found = figures[fdc_id]
        nutrients = {field: found.get(i) for i, field in NUTRIENT_IDS.items()}
        nutrients["energy_kcal"] = next((found[i] for i in ENERGY_IDS if found.get(i) is not None), None)
        category = categories.get(row["food_category_id"], "")
        record = FoodRecord(Food.Source.FOUNDATION, fdc_id, row["description"], category, nutrients,
                            in_sequence(portions.get(fdc_id, [])), RELEASE)
        yield screened_food(record, "food.csv", line)


def _read_portions(folder, current):
    """(fdc_id, seq_num, PortionRecord), or a Rejected."""
    units = {row["id"]: row["name"] for _, row in csv_rows(folder / "measure_unit.csv", ["id", "name"])}
    columns = ["fdc_id", "seq_num", "amount", "measure_unit_id", "portion_description", "modifier", "gram_weight"]
    for line, row in csv_rows(folder / "food_portion.csv", columns):
        if row["fdc_id"] not in current:
            continue
        try:
            amount = parse_amount(row["amount"], "amount")
            grams = parse_amount(row["gram_weight"], "gram_weight")
        except BadNumber as error:
            yield Rejected("food_portion.csv", line, row["fdc_id"], "not a number", str(error))
            continue
        description = _describe(amount, units.get(row["measure_unit_id"], ""), row["modifier"],
                                row["portion_description"])
        if description is None:
            yield Rejected("food_portion.csv", line, row["fdc_id"], "unit undetermined and no modifier")
            continue
        portion = screened_portion(description, grams, "food_portion.csv", line, row["fdc_id"])
        yield portion if isinstance(portion, Rejected) else (row["fdc_id"], row["seq_num"], portion)


def _describe(amount, unit, modifier, text):
    """ "1 cup, sifted", "2 tablespoon", or with an undetermined unit the modifier alone: "1 large"."""
    count = plain(amount) if amount is not None else "1"
    detail = ", ".join(part.strip() for part in (text, modifier) if part.strip())
    if unit == UNDETERMINED_UNIT:
        return f"{count} {detail}" if detail else None
    return f"{count} {unit}, {detail}" if detail else f"{count} {unit}"
