"""Foods that would close the day's magnesium gap: plain, magnesium-rich foods in a household amount."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from foods.models import Food, Portion, SearchIndexVersion
from journal.models import describe_amount
from mgtracker.prepared import PreparedObjects

# Basic foods (Food.kind) that are still not eaten as a serving on their own, which kind cannot tell: spices and
# dried herbs go in by the pinch; flours and meals are baked; cocoa, instant coffee and tea, drink mixes and other
# dry forms are a spoonful in a drink or are cooked first, as are uncooked grains and dry beans (their cooked entries
# stand for them); crude bran and germ are sprinkled; sauces are a spoonful; agar sets a jelly; cottonseed is not
# sold as food. No \b in the patterns: PostgreSQL reads it as a backspace.
NOT_A_SERVING = (
    Q(category__in=("Spices and Herbs", "Beverages"))  # SR28's drinks: the magnesium-rich ones are dry powders
    | Q(name__iregex=r"^[a-z]+ bran$|, dry(,|$)|^sauce,|(fish|soy) sauce")  # "Bulgur, dry", not "dry roasted"
    | Q(name__icontains="flour") | Q(name__icontains=" meal,") | Q(name__icontains="powder")
    | Q(name__icontains="not reconstituted") | Q(name__icontains="dry mix") | Q(name__icontains="freeze-dried")
    | Q(name__icontains="uncooked") | Q(name__icontains="mature seeds, raw") | Q(name__icontains=", crude")
    | Q(name__icontains="agar,") | Q(name__icontains="cottonseed")
)
# Whole nuts and seeds, chunks of nut butter and popcorn are choking hazards for children under 4: American Academy
# of Pediatrics, Committee on Injury, Violence, and Poison Prevention, "Prevention of Choking Among Children",
# Pediatrics 2010;125(3):601-607. SR28 and Foundation file nuts and seeds under "Nut and Seed Products", FNDDS under
# "Nuts and seeds"; peanuts, peanut butter and soy nuts are legumes in SR28, chia seeds a grain in Foundation.
CHOKING_HAZARD_UNDER_YEARS = 4
CHOKING_HAZARDS = (
    Q(category__in=("Nut and Seed Products", "Nuts and seeds"))
    | Q(name__iregex=r"^(nuts|seeds|peanuts?|peanut butter|[a-z]+ seeds)([ ,]|$)")
    | Q(name__iregex=r"^soybeans, mature seeds, (dry )?roasted") | Q(name__icontains="trail mix")
    | Q(name__icontains="popcorn")
)
# An infant's adequate intake comes from breast milk or formula (IOM 1997, the AI for 0-12 months); the app does
# not advise on feeding a baby, so it suggests no foods before the first birthday and says why.
INFANT_UNDER_YEARS = 1
NOT_FOR_INFANTS = (
    "No foods are suggested for a baby under 12 months: their magnesium comes from breast milk or formula. "
    "Ask your child's doctor about first foods."
)

CANDIDATES = 20  # read this many of the richest foods, then keep one of each kind
MAX_SERVING_GRAMS = Decimal(200)  # a suggestion never asks for more of one food than this
MAX_PORTIONS = 4
# A portion that gives more than three times the magnesium still missing is no answer to the gap: grams are.
MAX_OVERSHOOT = 3
HALF = Decimal("0.5")
GRAMS_STEP = Decimal("0.01")


@dataclass(frozen=True)
class Suggestion:
    food: Food
    portion: Portion | None
    quantity: Decimal  # a count of the portion, or grams when there is no portion
    grams: Decimal
    magnesium_mg: Decimal

    @property
    def amount_text(self):
        return describe_amount(self.grams, self.portion.description if self.portion else "", self.quantity)


class Suggestions(list):
    """The suggested servings, and, when there are none on purpose, why (the day page says it)."""

    def __init__(self, servings=(), why_none=""):
        super().__init__(servings)
        self.why_none = why_none


def basic_foods(age_years=None):
    """Shared basic foods eaten as a serving on their own, and safe to offer at `age_years` (None: unknown)."""
    foods = Food.objects.filter(owner=None, kind=Food.Kind.BASIC).exclude(NOT_A_SERVING)
    if age_years is not None and age_years < CHOKING_HAZARD_UNDER_YEARS:
        foods = foods.exclude(CHOKING_HAZARDS)
    return foods


class _RichestFoods:
    """The CANDIDATES richest basic foods, with and without the choking hazards, kept per process.

    Picking them reads every shared food through the name patterns above (a Python REGEXP callback per row on
    SQLite), so each process keeps its last pick and picks again when SearchIndexVersion's stamp changes, as it does
    whenever a shared food is written (Food.save, an import, an admin edit). The foods kept are only read, never
    written to; the portions of the few suggested are read fresh for each request (gap_closers).
    """

    def __init__(self):
        self._stamp, self._foods = None, {}

    def get(self, age_years):
        stamp = SearchIndexVersion.current()
        if stamp is None or stamp != self._stamp:  # None: no food was ever saved one by one; nothing to trust
            self._stamp, self._foods = stamp, {}
        choking_age = age_years is not None and age_years < CHOKING_HAZARD_UNDER_YEARS
        foods = self._foods.get(choking_age)
        if foods is None:
            query = basic_foods(age_years).filter(magnesium_mg__gt=0).order_by("-magnesium_mg", "pk")
            foods = self._foods[choking_age] = list(query[:CANDIDATES])
        return foods


richest_foods = _RichestFoods()
PORTIONS_OF = PreparedObjects(lambda foods: Portion.objects.filter(food__in=foods), foods=list)


def gap_closers(remaining_mg, age_years=None, count=4):
    """A few foods, each in the amount that brings `remaining_mg` of magnesium, for a person of `age_years`.

    Two queries (the shared foods' stamp, the suggested foods' portions). The richest food of each category comes
    first, so four suggestions are not four kinds of seed.
    """
    if age_years is not None and age_years < INFANT_UNDER_YEARS:
        return Suggestions(why_none=NOT_FOR_INFANTS)
    candidates = richest_foods.get(age_years)
    richest_of_kind = {}
    for food in candidates:
        # "Seeds, pumpkin and squash seed kernels, roasted" and "..., dried" are one kind of food.
        richest_of_kind.setdefault(",".join(food.name.lower().split(",")[:2]), food)
    categories, first, rest = set(), [], []
    for food in richest_of_kind.values():
        (rest if food.category in categories else first).append(food)
        categories.add(food.category)
    suggested = (first + rest)[:count]
    portions = {food.pk: [] for food in suggested}
    # No foods to suggest asks nothing (a prepared query takes a list of one food at least).
    for portion in PORTIONS_OF.objects(foods=list(portions)) if portions else []:
        portions[portion.food_id].append(portion)
    return Suggestions(serving_for(food, portions[food.pk], remaining_mg) for food in suggested)


def serving_for(food, portions, remaining_mg):
    """The household amount of the food's `portions` closest above the grams that give `remaining_mg` (at most
    MAX_SERVING_GRAMS), or grams when even the smallest portion would give far more than is missing."""
    grams_needed = min(Decimal(remaining_mg) * 100 / food.magnesium_mg, MAX_SERVING_GRAMS)
    servings = []
    for portion in portions:
        quantity = _up_to_half(grams_needed / portion.grams)
        grams = (quantity * portion.grams).quantize(GRAMS_STEP)  # as the add form will store it
        if quantity <= MAX_PORTIONS and grams <= min(MAX_SERVING_GRAMS, grams_needed * MAX_OVERSHOOT):
            servings.append((grams, portion, quantity))
    if servings:
        grams, portion, quantity = min(servings, key=lambda serving: serving[0])
    else:
        # Whole grams for a small gap (5 mg of hemp seeds is 1 g), else the next 5 g.
        step = 1 if grams_needed < 10 else 5
        grams, portion = Decimal(math.ceil(grams_needed / step) * step), None
        quantity = grams
    return Suggestion(food, portion, quantity, grams, food.nutrients_for(grams).magnesium_mg)


def _up_to_half(count):
    """Round a portion count up to a half: 0.42 cup becomes 0.5 cup, 1.9 oz becomes 2 oz."""
    return max(Decimal(math.ceil(count * 2)) / 2, HALF)
