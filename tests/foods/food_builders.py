"""Builders for foods with real USDA names, sources and ids, searchable at once, typical portion set."""

from decimal import Decimal

from foods.models import Food, Portion
from foods.search import reindex


def make_food(name, source=Food.Source.SR28, source_id="", magnesium_mg=None, category="", owner=None, portions=()):
    """A food with its portions, given as (description, grams) pairs in USDA order, as the importer leaves it."""
    food = Food.objects.create(
        name=name, source=source, source_id=source_id, category=category, owner=owner,
        magnesium_mg=None if magnesium_mg is None else Decimal(magnesium_mg),
    )
    Portion.objects.bulk_create(
        Portion(food=food, description=description, grams=Decimal(grams), position=position)
        for position, (description, grams) in enumerate(portions, start=1)
    )
    reindex([food])  # as the importer does after writing portions: the typical portion
    return food


def make_foods(*rows):
    """Several foods from (name, source, source_id) rows."""
    return [make_food(name, source, source_id) for name, source, source_id in rows]
