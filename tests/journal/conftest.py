"""Builders for journal tests, with USDA SR28 figures per 100 g as expected values."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest

from foods.models import Food, Portion
from journal.models import MealEntry, Profile


@pytest.fixture
def make_food(db):
    made = itertools.count(90001)

    def make(name, portions=(), source="sr28", source_id=None, owner=None, category="", **nutrients):
        if source_id is None:  # shared foods are unique by source id
            source_id = "" if owner else str(next(made))
        food = Food.objects.create(
            name=name, category=category, source=source, source_id=source_id, owner=owner,
            **{field: None if value is None else Decimal(str(value)) for field, value in nutrients.items()},
        )
        for position, (description, grams) in enumerate(portions):
            Portion.objects.create(food=food, description=description, grams=Decimal(str(grams)), position=position)
        return food

    return make


@pytest.fixture
def pumpkin_seeds(make_food):
    # SR28 12014, per 100 g.
    return make_food(
        "Seeds, pumpkin and squash seed kernels, dried", [("1 cup", 129), ("1 oz", 28.35)], source_id="12014",
        magnesium_mg=592, potassium_mg=809, sodium_mg=7, calcium_mg=46, energy_kcal=559,
    )


@pytest.fixture
def spinach(make_food):
    # SR28 11457, per 100 g.
    return make_food(
        "Spinach, raw", [("1 cup", 30), ("1 bunch", 340)], source_id="11457",
        magnesium_mg=79, potassium_mg=558, sodium_mg=79, calcium_mg=99, energy_kcal=23,
    )


@pytest.fixture
def today(user):
    return Profile.for_user(user).today()


@pytest.fixture
def log_food(user, today):
    """Log a food the way the add form does: grams, or a count of one of its portions."""

    def log(food, amount, portion=None, day=None, meal="breakfast", owner=None):
        entry = MealEntry(user=owner or user, date=day or today, meal=meal)
        portion_object = food.portions.get(description=portion) if portion else None
        grams = Decimal(str(amount)) * (portion_object.grams if portion_object else 1)
        entry.set_food(food, grams, portion_object, Decimal(str(amount)) if portion_object else None)
        entry.save()
        return entry

    return log


@pytest.fixture
def yesterday(today):
    return today - timedelta(days=1)


@pytest.fixture
def woman_of_40(user, today):
    """Alice, 40: her goal is the RDA for females 31-50 years, 320 mg."""
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = date(today.year - 40, 1, 1), "female"
    profile.save()
    return user
