"""Foods that would close the day's magnesium gap: plain, magnesium-rich foods in a household amount."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from foods.models import Food, Portion
from journal.models import describe_amount

# Not basic foods, or not eaten as a serving on their own (flours, powders, freeze-dried herbs, crude bran).
EXCLUDED_CATEGORIES = ("Baby Foods", "Fast Foods", "Restaurant Foods", "Spices and Herbs", "Beverages")
EXCLUDED_NAME_PARTS = (
    "baby", "restaurant", "fast food", "flour", "powder", "freeze-dried", "bran, crude", "cottonseed", "agar",
)
# SR28 writes brand names in capitals ("Cereals ready-to-eat, KELLOGG'S ALL-BRAN"); basic foods have none.
BRAND_NAME = r"[A-Z]{3,}"

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


def basic_foods():
    excluded = Q(category__in=EXCLUDED_CATEGORIES) | Q(name__regex=BRAND_NAME)
    for part in EXCLUDED_NAME_PARTS:
        excluded |= Q(name__icontains=part)
    return Food.objects.filter(owner=None).exclude(excluded)


def gap_closers(remaining_mg, count=4):
    """A few foods, each in the amount that brings `remaining_mg` of magnesium; two queries.

    The richest food of each category comes first, so four suggestions are not four kinds of seed.
    """
    candidates = (
        basic_foods().filter(magnesium_mg__gt=0).order_by("-magnesium_mg", "pk").prefetch_related("portions")
    )[:CANDIDATES]
    richest_of_kind = {}
    for food in candidates:
        # "Seeds, pumpkin and squash seed kernels, roasted" and "..., dried" are one kind of food.
        richest_of_kind.setdefault(",".join(food.name.lower().split(",")[:2]), food)
    categories, first, rest = set(), [], []
    for food in richest_of_kind.values():
        (rest if food.category in categories else first).append(food)
        categories.add(food.category)
    return [serving_for(food, remaining_mg) for food in (first + rest)[:count]]


def serving_for(food, remaining_mg):
    """The household amount closest above the grams that give `remaining_mg` (at most MAX_SERVING_GRAMS), or
    grams when even the smallest portion would give far more than is missing."""
    grams_needed = min(Decimal(remaining_mg) * 100 / food.magnesium_mg, MAX_SERVING_GRAMS)
    servings = []
    for portion in food.portions.all():
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
