"""Nutrient amounts that know how to scale, and the most of each that a food can hold.

USDA gives every figure per 100 g of edible portion; an amount eaten scales it
linearly. An unknown figure stays None (shown as "no data"), never 0.
"""

from dataclasses import dataclass
from decimal import Decimal

from foods.figures import stored

HUNDRED = Decimal(100)

LABELS = {
    "magnesium_mg": "Magnesium", "potassium_mg": "Potassium", "sodium_mg": "Sodium", "calcium_mg": "Calcium",
    "energy_kcal": "Energy", "water_g": "Water",
}
UNITS = {
    "magnesium_mg": "mg", "potassium_mg": "mg", "sodium_mg": "mg", "calcium_mg": "mg", "energy_kcal": "kcal",
    "water_g": "g",
}

# The most of each nutrient believable in 100 g of a food: above every food in the three USDA releases we read
# (the richest are named, with their ids), below what a unit slip makes of a real figure (micrograms taken for
# milligrams multiply it by 1,000). The importer rejects a row above it, the custom-food form refuses it.
MOST_PER_100_G = {
    # SR28 rice bran, crude 781 mg (NDB 20060); FNDDS wheat bran 611 mg (food code 57601100); Foundation pumpkin
    # seeds (pepitas), raw 499.7 mg (FDC ID 2515380). 1,000 mg, 1% of the food's weight, leaves room for a richer
    # food; a magnesium salt sold as a powder is a supplement, not a food.
    "magnesium_mg": Decimal(1000),
    # SR28 cream of tartar 16,500 mg (NDB 18373); FNDDS instant iced tea, dry 6,040 mg (92307000); Foundation soy
    # flour, defatted 2,480 mg (FDC ID 1104705). Salt substitutes, not in the releases but copied from their labels,
    # are potassium chloride: 52.4% potassium, 52,445 mg.
    "potassium_mg": Decimal(53_000),
    # SR28 table salt 38,758 mg (NDB 02047); Foundation iodized salt 38,700 mg (FDC ID 746775); FNDDS fish sauce
    # 7,851 mg (27150210). Pure sodium chloride is 39.3% sodium, 39,337 mg.
    "sodium_mg": Decimal(40_000),
    # SR28 baking powder, double-acting, straight phosphate 7,364 mg (NDB 18370); Foundation pasteurized process
    # cheese food 1,498 mg (FDC ID 2647439); FNDDS processed cheese food 1,375 mg (14410500).
    "calcium_mg": Decimal(10_000),
    # Fat, the densest nutrient, gives 9.02 kcal/g in SR28: its fish oils (NDB 04591) and FNDDS lard (81202000) give
    # 902 kcal; Foundation coconut oil 833 kcal (FDC ID 330458). Labels round calories per serving to 5 kcal up to
    # 50 kcal and to 10 above (21 CFR 101.9(c)(1)), so pure fat worked back from a label's serving reads up to
    # 984 kcal/100 g for any serving of 2 g or more (6.1 g: 55 kcal printed as 60); a tablespoon (14 g) at most 935.
    # A kilojoule figure taken for kcal (x4.184) still lands above 1,000 for any food over 239 kcal/100 g.
    "energy_kcal": Decimal(1000),
    # Water is part of the food's weight, so 100 g is the bound itself: SR28 bottled water, Calistoga 100 g (NDB
    # 14437); FNDDS water, bottled, plain 99.98 g (94100100). The Foundation copy we read has no water rows (1051).
    "water_g": Decimal(100),
}


def unbelievable(name, value):
    """Whether `value` per 100 g is more of nutrient `name` than any food holds; no data (None) never is."""
    return value is not None and value > MOST_PER_100_G[name]


@dataclass(frozen=True)
class Nutrients:
    magnesium_mg: Decimal | None = None
    potassium_mg: Decimal | None = None
    sodium_mg: Decimal | None = None
    calcium_mg: Decimal | None = None
    energy_kcal: Decimal | None = None
    water_g: Decimal | None = None

    NAMES = ("magnesium_mg", "potassium_mg", "sodium_mg", "calcium_mg", "energy_kcal", "water_g")

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

