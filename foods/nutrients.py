"""Nutrient amounts that know how to scale and add.

USDA gives every figure per 100 g of edible portion; an amount eaten scales it
linearly. An unknown figure stays None (shown as "no data"), never 0: adding an
unknown to a known amount gives the known part and marks the sum incomplete.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Nutrients:
    magnesium_mg: Decimal | None = None
    potassium_mg: Decimal | None = None
    sodium_mg: Decimal | None = None
    calcium_mg: Decimal | None = None
    energy_kcal: Decimal | None = None
    incomplete: bool = False

    NAMES = ("magnesium_mg", "potassium_mg", "sodium_mg", "calcium_mg", "energy_kcal")

    @classmethod
    def zero(cls):
        """The start of a total: nothing eaten yet is 0 mg, not "no data"."""
        return cls(**{name: Decimal(0) for name in cls.NAMES})

    @classmethod
    def of(cls, obj):
        """The nutrient fields of any object (a Food, a log entry) that carries them."""
        return cls(**{name: getattr(obj, name) for name in cls.NAMES})

    def scaled(self, grams):
        """These per-100 g figures for `grams` grams, rounded to 0.01."""
        factor = Decimal(grams) / HUNDRED
        return Nutrients(
            **{name: _round(value * factor) if value is not None else None for name, value in self.items()},
            incomplete=self.incomplete,
        )

    def items(self):
        return [(name, getattr(self, name)) for name in self.NAMES]

    def __add__(self, other):
        values = {}
        incomplete = self.incomplete or other.incomplete
        for name in self.NAMES:
            a, b = getattr(self, name), getattr(other, name)
            if a is None and b is None:
                values[name] = None
            else:
                incomplete = incomplete or a is None or b is None
                values[name] = (a or 0) + (b or 0)
        return Nutrients(**values, incomplete=incomplete)


def _round(value):
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

