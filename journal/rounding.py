"""One rounding rule for every figure the journal shows or exports: halves round up, as on a label.

Python's round() rounds halves to even (round(50.5) is 50, round(6.25, 1) is 6.2) while Django's floatformat rounds
them up: a figure rounded by both would read differently on the day page and in the CSV.
"""

from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


def to_hundredths(value):
    """Milligrams as stored and exported: two decimals."""
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def tenths(value):
    """A mean score to one decimal, or None where nothing was scored. Floats go through str(), so the mean
    6.25 rounds as 6.25 (to 6.3), not as the binary float just below it."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)


def whole(value):
    """A percentage as a whole number."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
