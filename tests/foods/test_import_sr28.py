from decimal import Decimal

import pytest

from foods.models import Food
from tests.foods.samples import SR28, import_usda

pytestmark = pytest.mark.django_db


def sr28_food(ndb):
    return Food.objects.get(source=Food.Source.SR28, source_id=ndb, owner=None)


@pytest.mark.parametrize(
    ("ndb", "magnesium_mg"),
    [("12014", 592), ("11457", 79), ("12061", 270), ("16015", 70), ("19904", 228), ("01077", 10), ("12012", 700)],
)
def test_it_stores_usda_magnesium_per_100_g(ndb, magnesium_mg):
    import_usda(SR28)

    assert sr28_food(ndb).magnesium_mg == Decimal(magnesium_mg)


def test_it_keeps_the_other_figures_of_abbrev():
    import_usda(SR28)

    almonds = sr28_food("12061")
    assert (almonds.energy_kcal, almonds.calcium_mg, almonds.potassium_mg, almonds.sodium_mg) == (579, 269, 733, 1)


def test_it_keeps_an_empty_magnesium_as_no_data_not_zero():
    import_usda(SR28)

    assert sr28_food("01188").magnesium_mg is None
    assert sr28_food("01188").energy_kcal == 276


def test_it_names_foods_with_the_long_description_and_food_group():
    import_usda(SR28)

    beans = sr28_food("16015")
    assert beans.name == "Beans, black, mature seeds, cooked, boiled, without salt"
    assert beans.category == "Legumes and Legume Products"


def test_it_keeps_leading_zeros_of_ndb_numbers():
    import_usda(SR28)

    assert Food.objects.filter(source_id="01077").exists()
    assert not Food.objects.filter(source_id="1077").exists()


def test_it_falls_back_to_the_short_description_for_a_food_missing_from_food_des():
    import_usda(SR28)

    assert sr28_food("33879").name.startswith("BABYFOOD,FINGER SNACKS,GERB")


def test_it_reads_household_portions_in_weight_order():
    import_usda(SR28)

    portions = [(p.description, p.grams) for p in sr28_food("12061").portions.all()]
    assert portions[:2] == [("1 cup, whole", Decimal("143")), ("1 cup, sliced", Decimal("92"))]
    assert ("1 oz (23 whole kernels)", Decimal("28.35")) in portions


def test_it_writes_fractional_amounts_plainly():
    import_usda(SR28)

    assert sr28_food("11090").portions.filter(description="0.5 cup, chopped or diced", grams=44).exists()


def test_it_rejects_impossible_rows_and_imports_the_rest():
    output = import_usda(SR28)

    assert not Food.objects.filter(source_id="12999").exists()
    assert "ABBREV.txt line 15 (id 12999): magnesium above 1,000 mg/100 g (550,000 mg)" in output
    assert "WEIGHT.txt line 42 (id 14411): portion of 0 g or less" in output
    assert Food.objects.count() == 14
    assert not sr28_food("14411").portions.filter(description="1 glass").exists()


def test_it_keeps_water_from_abbrev_and_the_bound_of_100_g():
    import_usda(SR28)

    assert sr28_food("14411").water_g == Decimal("99.90")  # tap water, ABBREV.txt Water_(g)
    assert sr28_food("12061").water_g == Decimal("4.41")  # almonds
