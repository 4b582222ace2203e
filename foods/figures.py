"""One rule for every number the app shows or writes: halves round up, as on a nutrition label, and each kind of
figure has one display precision, on every page and in every file.

Python's round() rounds halves to even (round(50.5) is 50, round(6.25, 1) is 6.2) while Django's floatformat rounds
them up: a figure rounded by both would read differently on two pages. Everything goes through `rounded` instead.

Why whole milligrams and kilocalories: SR28 and FNDDS give minerals and energy per 100 g in whole units, and
samples of one food differ by 10% and more (the releases' own standard errors), so 167.83 mg claims a precision
the data does not have; RDAs, the upper limit and label values are whole milligrams too. Figures are stored to
0.01 (entries, doses) so that sums do not gather rounding error, and rounded once, for display, here.

Source figures (per 100 g, a product's label) are shown exactly as their source gives them: they are what a
reader checks against the USDA id or the label.

This module lives in `foods`, the base layer: the journal imports it, never the other way round.
"""

from decimal import ROUND_HALF_UP, Decimal

# What a kind of figure is rounded to for display and export; None keeps the figure as given.
PRECISION = {
    "mg": Decimal(1),  # a worked-out amount of a mineral: portion, entry, dose, day, mean
    "kcal": Decimal(1),
    "ml": Decimal(1),  # fluid drunk or eaten: a day's, a drink's
    "score": Decimal("0.1"),  # a mean of 0-10 symptom scores
    "percent": Decimal(1),
    "bpm": Decimal("0.1"),  # a heart rate worked out from readings: the mean of two, a rise over it
    "mmHg": Decimal("0.1"),  # a blood pressure worked out from readings, or a drop from it
    "g": None,  # a weight the person typed or a portion's weight: as given
    "source": None,  # a figure per 100 g or per unit, as USDA or the label gives it
}
UNITS = {
    "mg": "mg", "kcal": "kcal", "ml": "ml", "bpm": "bpm", "mmHg": "mmHg", "score": "", "percent": "%", "g": "g",
    "source": "",
}
# Entries and doses keep their figures to 0.01: precise enough that a sum of many never drifts by a unit.
STORED = Decimal("0.01")
NO_DATA = "no data"


def rounded(value, kind):
    """`value` (Decimal, int, float or None) at the display precision of `kind`; None stays None.

    Floats go through str(), so a mean of 6.25 rounds as 6.25 (to 6.3), not as the binary float just below it.
    """
    if value is None or value != value:  # None, or a float NaN from pandas
        return None
    value = value if isinstance(value, Decimal) else Decimal(str(value))
    step = PRECISION[kind]
    if step is None:
        return value
    # The rounding passed by position: by keyword, Decimal.quantize takes twice as long (a report rounds ~9,500 times).
    value = value.quantize(step, ROUND_HALF_UP)
    return value if value else abs(value)  # a rise of -0.04 bpm is 0.0, never "-0.0"


def stored(value, step=STORED):
    """A worked-out figure as entries and doses keep it (0.01), or to the `step` of the column it goes in."""
    return value.quantize(step, ROUND_HALF_UP)


def to_step(value, step):
    """`value` rounded half-up to `step`, for figures whose precision is set by their unit (a lab result's)."""
    return value.quantize(step, ROUND_HALF_UP)


def percent(part, whole):
    """`part` as a whole percentage of `whole` (763.68 of 420 -> 182), None when either is unknown or whole is 0."""
    if part is None or not whole:
        return None
    return int(rounded(Decimal(part) * 100 / Decimal(whole), "percent"))


def plain(value):
    """A Decimal without trailing zeros or exponent: 500.00 -> "500", 70.50 -> "70.5", 1E+1 -> "10"."""
    return f"{value.normalize():f}"


def show(value, kind, unit=None):
    """A figure as a person reads it: "1,234 mg", "6.3", "no data" where the source has none (never a made-up 0).

    `unit` overrides the kind's own unit, for source figures ("592 mg").
    """
    value = rounded(value, kind)
    if value is None:
        return NO_DATA
    unit = UNITS[kind] if unit is None else unit
    text = f"{value.normalize() if PRECISION[kind] is None else value:,f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()
