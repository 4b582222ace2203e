"""What every USDA reader yields: plain records, checked before anything is written.

A reader turns one row of an official file into a FoodRecord (or a PortionRecord)
and asks `food_problem` / `portion_problem` whether the figures can be true. A row
that cannot be true becomes a Rejected naming its file, line, id and reason; the
import carries on with the rest.
"""

import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from foods.figures import show
from foods.models import Food, Portion
from foods.nutrients import MOST_PER_100_G, UNITS, Nutrients, unbelievable

NUTRIENT_NAMES = Nutrients.NAMES

# Nutrient figures are checked against foods.nutrients.MOST_PER_100_G, as the custom-food form checks them.

# Portions: the heaviest household measures in the releases are a whole watermelon
# (FNDDS, 6,000 g) and a whole turkey (SR28 05704, 5,717 g). Beyond 10 kg a "portion"
# is a data error, not a serving.
PORTION_MAX_GRAMS = Decimal(10_000)
# Longer text would not fit its column (PostgreSQL refuses it; SQLite would keep it silently).
NAME_MAX = Food._meta.get_field("name").max_length
CATEGORY_MAX = Food._meta.get_field("category").max_length
PORTION_DESCRIPTION_MAX = Portion._meta.get_field("description").max_length
PORTION_GRAMS_STEP = Decimal(1).scaleb(-Portion._meta.get_field("grams").decimal_places)


def control_characters(text):
    """Characters no name holds (NUL, escape, ...): a sign of a broken file, and PostgreSQL refuses NUL."""
    return [character for character in text if unicodedata.category(character) == "Cc"]


class BadNumber(ValueError):
    """A figure that is not a number at all ("12,5", "n/a")."""


def parse_amount(text, what):
    """A USDA figure as an exact Decimal (the text as given); empty means no data, not zero."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadNumber(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise BadNumber(f"{what} {text!r} is not a number")
    return value


def in_sequence(numbered):
    """Portions listed as (sequence number text, PortionRecord), in sequence order (blank last)."""
    def number(item):
        return int(item[0]) if item[0].isdigit() else float("inf")

    return [portion for _, portion in sorted(numbered, key=number)]


@dataclass(frozen=True)
class PortionRecord:
    description: str
    grams: Decimal


@dataclass
class FoodRecord:
    source: str
    source_id: str
    name: str
    category: str
    # Per 100 g, keyed by the Food field names (magnesium_mg, ...); None is "no data".
    nutrients: dict
    portions: list = field(default_factory=list)
    # Where it came from, for messages and the curated table: "SR28 ABBREV.txt".
    release: str = ""

    def __post_init__(self):
        # One line each: FDC food.csv has quoted descriptions that span lines.
        self.name = " ".join(self.name.split())
        self.category = " ".join(self.category.split())

    @property
    def key(self):
        return (self.source, self.source_id)


@dataclass(frozen=True)
class Rejected:
    file: str
    line: int
    source_id: str
    reason: str
    detail: str = ""

    def __str__(self):
        where = f"{self.file} line {self.line}"
        if self.source_id:
            where += f" (id {self.source_id})"
        return f"{where}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


def screened_food(record, file, line):
    """The record itself when its figures can be true, else a Rejected saying why."""
    problem = food_problem(record)
    return Rejected(file, line, record.source_id, *problem) if problem else record


def screened_portion(description, grams, file, line, source_id):
    """A PortionRecord, or a Rejected saying why the portion cannot be true."""
    description = " ".join(description.split())
    problem = portion_problem(description, grams)
    return Rejected(file, line, source_id, *problem) if problem else PortionRecord(description, grams)


def food_problem(record):
    """Why this food cannot be true, as (reason, detail), or None when it can."""
    if not record.source_id:
        return "missing id", ""
    if not record.name.strip():
        return "missing name", ""
    if len(record.name) > NAME_MAX or len(record.category) > CATEGORY_MAX:
        return "name or category too long", f"{len(record.name)} and {len(record.category)} characters"
    if control := control_characters(record.source_id + record.name + record.category):
        return "control characters in id, name or category", repr("".join(control))
    for name, value in record.nutrients.items():
        if value is not None and value < 0:
            return "negative nutrient value", f"{name} {value}"
    for name, value in record.nutrients.items():
        if unbelievable(name, value):
            unit = UNITS[name]
            nutrient, most = name.removesuffix(f"_{unit}"), show(MOST_PER_100_G[name], "source", unit)
            return f"{nutrient} above {most}/100 g", show(value, "source", unit)
    return None


def portion_problem(description, grams):
    """Why this portion cannot be true, as (reason, detail), or None when it can."""
    if not description.strip():
        return "portion without a description", ""
    if len(description) > PORTION_DESCRIPTION_MAX:
        return "portion description too long", f"{len(description)} characters"
    if control := control_characters(description):
        return "control characters in portion description", repr("".join(control))
    if grams is None or grams <= 0:
        return "portion of 0 g or less", f"{description!r} {grams} g"
    if grams > PORTION_MAX_GRAMS:
        return f"portion above {PORTION_MAX_GRAMS} g", f"{description!r} {grams} g"
    # The portions table keeps weights to 0.01 g, and Django rounds a Decimal to its column half to even, so 0.005 g
    # would be stored as a portion of 0 g.
    if grams.quantize(PORTION_GRAMS_STEP, rounding=ROUND_HALF_EVEN) <= 0:
        return "portion of 0 g or less", f"{description!r} {grams} g, 0 g to 0.01 g"
    return None
