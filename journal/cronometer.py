"""Cronometer's "servings" export (CSV) read into meal entries: see docs/cronometer-import.md.

Columns are found by their header, never by position: Cronometer's exports have grown columns over the years
(older ones have no Time and no Group) and carry dozens of nutrients this app does not keep. Each row keeps
Cronometer's own figures as the entry's frozen figures; an empty figure is unknown (None), never 0, so a day
with such a row reads as a lower bound in the ledger. pandas is imported inside `read_servings` only: nothing
else of the app (the URLconf above all) pays for loading it.
"""

import hashlib
import io
import json
import re
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction

from foods.figures import rounded, stored
from journal.ledger import MAGNESIUM, Amount
from journal.models import CRONOMETER, EARLIEST_DATE, MAX_GRAMS_PER_ENTRY, MealEntry

DAY, TIME, GROUP, FOOD_NAME, AMOUNT = "Day", "Time", "Group", "Food Name", "Amount"
REQUIRED_COLUMNS = (DAY, FOOD_NAME)
# Cronometer's column -> the MealEntry figure it fills. Every other column (vitamins, macronutrients...) is left out.
NUTRIENT_COLUMNS = {
    "Magnesium (mg)": "magnesium_mg",
    "Potassium (mg)": "potassium_mg",
    "Sodium (mg)": "sodium_mg",
    "Calcium (mg)": "calcium_mg",
    "Energy (kcal)": "energy_kcal",
    "Water (g)": "water_g",  # a day's fluid counts the water in its foods, 1 g as 1 ml
}
# Cronometer's default diary groups; a group the person named themselves ("Pre-workout") is a snack.
MEALS = {
    "breakfast": MealEntry.Meal.BREAKFAST,
    "lunch": MealEntry.Meal.LUNCH,
    "dinner": MealEntry.Meal.DINNER,
    "snacks": MealEntry.Meal.SNACK,
}
# Cronometer writes an amount in grams as "100.00 g"; any other unit ("1.00 cup") is kept as text.
GRAMS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*g\s*")
# The entry fields' own bounds: 12 digits with 3 decimal places, names of 255 and portions of 160 characters.
MAX_FIGURE = Decimal(10) ** 9
MAX_ROWS = 20_000  # about five years of a dozen foods a day: a longer export is better split by date range
MAX_FILE_BYTES = 10 * 1024 * 1024
LATEST_AHEAD = timedelta(days=1)


class CronometerError(Exception):
    """A file that cannot be imported, with a message naming the line."""


@dataclass(frozen=True)
class Row:
    """One line of the file as it will be logged."""

    line: int
    day: date
    meal: str
    food_name: str
    amount: str  # the Amount column as written, kept as the portion description when it is not in grams
    grams: Decimal | None
    figures: dict  # MealEntry field -> Decimal, or None where Cronometer gives no figure
    fingerprint: str

    def entry(self, user):
        return MealEntry(
            user=user, date=self.day, meal=self.meal, food=None, grams=self.grams,
            portion_description="" if self.grams is not None else self.amount,
            food_name=self.food_name, food_source=CRONOMETER, food_source_id="",
            import_fingerprint=self.fingerprint, **self.figures,
        )

    def to_session(self):
        """Plain JSON for the session between the preview and the import."""
        data = asdict(self)
        data["day"] = self.day.isoformat()
        data["grams"] = None if self.grams is None else str(self.grams)
        data["figures"] = {name: None if value is None else str(value) for name, value in self.figures.items()}
        return data

    @classmethod
    def from_session(cls, data):
        figures = {name: None if value is None else Decimal(value) for name, value in data["figures"].items()}
        grams = None if data["grams"] is None else Decimal(data["grams"])
        return cls(**data | {"day": date.fromisoformat(data["day"]), "grams": grams, "figures": figures})


def read_servings(content, today):
    """The rows of a servings export (bytes), or CronometerError naming the first line that cannot be read."""
    import pandas  # here, not at the top: see the module's docstring

    if len(content) > MAX_FILE_BYTES:
        raise CronometerError(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: export fewer days.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CronometerError("This is not a CSV file: it is not text (UTF-8).") from None
    if "\x00" in text:
        raise CronometerError("This is not a CSV file: it holds binary data.")
    try:
        with warnings.catch_warnings():
            # Rows longer than the header: pandas would drop their last cells with this warning (index_col=False),
            # or without index_col=False shift every column by one. Either way the columns cannot be trusted.
            warnings.simplefilter("error", pandas.errors.ParserWarning)
            # Every cell as text, empty cells as "" (not NaN), blank lines kept so the index follows the file's lines.
            table = pandas.read_csv(
                io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False, index_col=False,
            )
    except pandas.errors.EmptyDataError:
        raise CronometerError("The file is empty.") from None
    except pandas.errors.ParserWarning:
        reason = "rows have more cells than the header"
        raise CronometerError(f"This is not a CSV file that can be read: {reason}.") from None
    except (pandas.errors.ParserError, ValueError) as error:
        raise CronometerError(f"This is not a CSV file that can be read: {error}") from None
    table.columns = [str(name).strip() for name in table.columns]
    missing = [name for name in REQUIRED_COLUMNS if name not in table.columns]
    if missing:
        raise CronometerError(
            f"Line 1: no {' or '.join(repr(name) for name in missing)} column. Export \"Servings\" from Cronometer "
            "(More > Account > Export Data > Servings) and upload that file."
        )
    if len(table) > MAX_ROWS:
        raise CronometerError(f"The file has more than {MAX_ROWS:,} rows: export fewer days at a time.")
    rows, seen = [], Counter()
    for index, cells in enumerate(table.to_dict("records")):
        if not any(str(value).strip() for value in cells.values()):
            continue  # a blank line
        line = index + 2  # line 1 is the header
        key = json.dumps([cells.get(name, "") for name in (DAY, TIME, GROUP, FOOD_NAME, AMOUNT, *NUTRIENT_COLUMNS)])
        seen[key] += 1  # the same food twice in one meal is two rows: the second gets its own fingerprint
        fingerprint = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()
        rows.append(_row(line, cells, today, fingerprint))
    if not rows:
        raise CronometerError("The file has a header but no rows.")
    return rows


def _row(line, cells, today, fingerprint):
    day_text = cells[DAY].strip()
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise CronometerError(f"Line {line}: the Day {day_text!r} is not a date (YYYY-MM-DD).") from None
    if not EARLIEST_DATE <= day <= today + LATEST_AHEAD:
        raise CronometerError(f"Line {line}: the Day {day_text} is before 1900 or in the future.")
    food_name = cells[FOOD_NAME].strip()
    if not food_name or len(food_name) > 255 or any(ord(char) < 32 for char in food_name):
        raise CronometerError(f"Line {line}: the Food Name is empty, longer than 255 characters or not plain text.")
    amount = cells.get(AMOUNT, "").strip()
    return Row(
        line=line, day=day, meal=MEALS.get(cells.get(GROUP, "").strip().lower(), MealEntry.Meal.SNACK),
        food_name=food_name, amount=amount, grams=_grams(line, amount), fingerprint=fingerprint,
        figures={field: _figure(line, column, cells.get(column, "")) for column, field in NUTRIENT_COLUMNS.items()},
    )


def _grams(line, amount):
    """The weight when the Amount is in grams, else None (the text is kept); refused when it cannot be true."""
    if len(amount) > 160:
        raise CronometerError(f"Line {line}: the Amount is longer than 160 characters.")
    match = GRAMS.fullmatch(amount)
    if match is None:
        return None
    grams = stored(Decimal(match[1]))
    if not 0 < grams <= MAX_GRAMS_PER_ENTRY:
        raise CronometerError(f"Line {line}: the Amount {amount!r} is not between 0.01 g and 5 kg of one food.")
    return grams


def _figure(line, column, text):
    text = text.strip()
    if not text:
        return None  # Cronometer has no figure for this food: unknown, never 0
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CronometerError(f"Line {line}: {column} {text!r} is not a number.") from None
    # The value's own bound first: quantizing 1e309 to 0.01 overflows Decimal's precision. Then the stored one:
    # 999999999.999 rounds up to 10^9.
    if not value.is_finite() or not 0 <= value < MAX_FIGURE or not stored(value) < MAX_FIGURE:
        raise CronometerError(f"Line {line}: {column} {text!r} is not a believable amount.")
    return stored(value)


@dataclass(frozen=True)
class DayPreview:
    day: date
    rows: int
    magnesium: Amount  # as the ledger will read the imported rows alone


def preview(rows):
    """Each day of the file: its rows and their magnesium, as the ledger will add them up."""
    by_day = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row.figures["magnesium_mg"])
    days = []
    for day, figures in sorted(by_day.items()):
        known = [figure for figure in figures if figure is not None]
        total = rounded(sum(known), "mg") if known else None
        days.append(DayPreview(day, len(figures), Amount(MAGNESIUM, total, len(known), len(figures))))
    return days


def without_magnesium(rows):
    return sum(1 for row in rows if row.figures["magnesium_mg"] is None)


def imported_before(user, rows):
    """The rows of `rows` this person has imported already (from this file or one that overlaps it)."""
    fingerprints = {row.fingerprint for row in rows}
    imported = MealEntry.objects.filter(user=user).exclude(import_fingerprint="")
    # One query over the person's imported rows, not an IN list of thousands of fingerprints.
    return fingerprints.intersection(imported.values_list("import_fingerprint", flat=True))


@transaction.atomic
def import_rows(user, rows):
    """Log the rows not imported before (by fingerprint) as meal entries; returns (added, already imported)."""
    imported = imported_before(user, rows)
    new = [row.entry(user) for row in rows if row.fingerprint not in imported]
    MealEntry.objects.bulk_create(new, batch_size=500)
    return len(new), len(rows) - len(new)
