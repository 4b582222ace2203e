"""Nutrient amounts that know how to scale.

USDA gives every figure per 100 g of edible portion; an amount eaten scales it
linearly. An unknown figure stays None (shown as "no data"), never 0.
"""

from dataclasses import dataclass
from decimal import Decimal

from foods.figures import stored

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Nutrients:
    magnesium_mg: Decimal | None = None
    potassium_mg: Decimal | None = None
    sodium_mg: Decimal | None = None
    calcium_mg: Decimal | None = None
    energy_kcal: Decimal | None = None

    NAMES = ("magnesium_mg", "potassium_mg", "sodium_mg", "calcium_mg", "energy_kcal")

    @classmethod
    def of(cls, obj):
        """The nutrient fields of any object (a Food, a log entry) that carries them."""
        return cls(**{name: getattr(obj, name) for name in cls.NAMES})

    def scaled(self, grams):
        """These per-100 g figures for `grams` grams, rounded half up to 0.01."""
        factor = Decimal(grams) / HUNDRED
        return Nutrients(**{name: None if value is None else stored(value * factor) for name, value in self.items()})

    def items(self):
        return [(name, getattr(self, name)) for name in self.NAMES]

