from decimal import Decimal

import pytest

from foods.models import Food
from tests.foods.samples import FNDDS, import_usda

pytestmark = pytest.mark.django_db


def fndds_food(code):
    return Food.objects.get(source=Food.Source.FNDDS, source_id=code, owner=None)


def test_it_stores_usda_magnesium_per_100_g():
    import_usda(FNDDS)

    assert fndds_food("72125100").magnesium_mg == 93
    assert fndds_food("42101000").magnesium_mg == 258
    assert fndds_food("41102020").magnesium_mg == 70


def test_it_takes_the_wweia_category():
    import_usda(FNDDS)

    assert fndds_food("72125100").category == "Spinach"
    assert fndds_food("72125100").name == "Spinach, raw"


def test_it_orders_portions_by_sequence_number_not_file_order():
    import_usda(FNDDS)

    portions = [(p.description, p.grams) for p in fndds_food("72125100").portions.all()]
    assert portions == [
        ("1 cup", Decimal("25")),
        ("1 leaf", Decimal("10")),
        ("1 baby leaf", Decimal("0.6")),
        ("Guideline amount in salad", Decimal("50")),
        ("Quantity not specified", Decimal("13")),
    ]


def test_it_accepts_pure_fat_at_902_kcal_and_rejects_energy_beyond():
    output = import_usda(FNDDS)

    assert fndds_food("81202000").energy_kcal == 902
    assert not Food.objects.filter(source_id="81202099").exists()
    assert "(id 81202099): energy above 1,000 kcal/100 g (3,774 kcal)" in output


def test_it_skips_a_zero_gram_portion_with_its_reason():
    output = import_usda(FNDDS)

    assert "fndds_2021-2023_portions_and_weights.csv line 3 (id 11000000): portion of 0 g or less" in output


def test_it_keeps_water_per_100_g():
    import_usda(FNDDS)

    assert fndds_food("92101000").water_g == Decimal("99.39")  # coffee, brewed: "Water (g)"
    assert fndds_food("81202000").water_g == 0  # lard has none: 0, not "no data"
