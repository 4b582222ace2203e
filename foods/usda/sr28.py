"""SR28, the National Nutrient Database for Standard Reference, Release 28 (ASCII files).

ABBREV.txt carries the per-100 g figures of every food; FOOD_DES.txt its long name
and food group; FD_GROUP.txt the group names; WEIGHT.txt the household portions.
"""

from collections import defaultdict

from foods.figures import plain
from foods.models import Food
from foods.usda.files import sr28_rows
from foods.usda.records import (
    BadNumber,
    FoodRecord,
    Rejected,
    parse_amount,
    screened_food,
    screened_portion,
)

RELEASE = "USDA SR28 (May 2016 revision)"
MARKER = "ABBREV.txt"

# Column positions in ABBREV.txt (sr28_doc.pdf, "Abbreviated file").
ABBREV_COLUMNS = {
    "water_g": 2, "energy_kcal": 3, "calcium_mg": 10, "magnesium_mg": 12, "potassium_mg": 14, "sodium_mg": 15,
}
ABBREV_WIDTH = 16


def read(folder):
    """Yield a FoodRecord for each food of the release, or a Rejected for each row that cannot be true."""
    groups = dict(fields[:2] for _, fields in sr28_rows(folder / "FD_GROUP.txt"))
    # NDB_No -> (long description, group); FOOD_DES keeps SR28's leading zeros ("01001").
    described = {fields[0]: (fields[2], groups.get(fields[1], "")) for _, fields in sr28_rows(folder / "FOOD_DES.txt")}
    portions = defaultdict(list)
    for item in _read_portions(folder):
        if isinstance(item, Rejected):
            yield item
        else:
            ndb, portion = item
            portions[ndb].append(portion)

    for line, fields in sr28_rows(folder / "ABBREV.txt"):
        ndb = fields[0].strip()
        if len(fields) < ABBREV_WIDTH:
            yield Rejected("ABBREV.txt", line, ndb, "too few fields", f"{len(fields)}")
            continue
        # NDB 33879 came with the May 2016 revision of ABBREV.txt and is missing from
        # the Sept 2015 FOOD_DES.txt: its short description is the only name there is.
        name, category = described.get(ndb, (fields[1], ""))
        try:
            nutrients = {field: parse_amount(fields[i], field) for field, i in ABBREV_COLUMNS.items()}
        except BadNumber as error:
            yield Rejected("ABBREV.txt", line, ndb, "not a number", str(error))
            continue
        record = FoodRecord(Food.Source.SR28, ndb, name, category, nutrients, portions.get(ndb, []), RELEASE)
        yield screened_food(record, "ABBREV.txt", line)


def _read_portions(folder):
    """(NDB_No, PortionRecord) in WEIGHT.txt order (by Seq), or a Rejected."""
    for line, fields in sr28_rows(folder / "WEIGHT.txt"):
        ndb, _seq, amount, unit, grams = (fields + [""] * 5)[:5]
        try:
            amount = parse_amount(amount, "amount")
            grams = parse_amount(grams, "gram weight")
        except BadNumber as error:
            yield Rejected("WEIGHT.txt", line, ndb, "not a number", str(error))
            continue
        description = f"{plain(amount)} {unit}" if amount is not None else unit
        portion = screened_portion(description, grams, "WEIGHT.txt", line, ndb)
        yield portion if isinstance(portion, Rejected) else (ndb, portion)
