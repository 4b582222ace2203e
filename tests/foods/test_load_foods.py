"""load_foods: the curated table in foods/data/ reaches the database, once."""

import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from foods.models import Food, Portion
from foods.usda.table import TABLE_DIR

pytestmark = pytest.mark.django_db


def load_foods(**options):
    out = StringIO()
    call_command("load_foods", stdout=out, **options)
    return out.getvalue()


def food(source, source_id):
    return Food.objects.get(source=source, source_id=source_id, owner=None)


@pytest.mark.parametrize(
    ("source", "source_id", "magnesium_mg"),
    [
        ("sr28", "12014", "592"),  # pumpkin and squash seed kernels, dried
        ("sr28", "11457", "79"),  # spinach, raw
        ("sr28", "12061", "270"),  # almonds
        ("sr28", "16015", "70"),  # black beans, boiled, without salt
        ("sr28", "19904", "228"),  # dark chocolate, 70-85% cacao solids
        ("fndds", "72125100", "93"),  # spinach, raw
        ("foundation", "323505", "32.7"),  # kale, raw
    ],
)
def test_it_loads_the_usda_magnesium_figures(source, source_id, magnesium_mg):
    load_foods()

    assert food(source, source_id).magnesium_mg == Decimal(magnesium_mg)


def test_it_loads_hundreds_of_foods_each_with_a_portion():
    load_foods()

    assert Food.objects.count() >= 400
    assert not Food.objects.filter(portions=None).exists()


def test_it_loads_usda_portions_in_grams():
    load_foods()

    almonds = food("sr28", "12061")
    assert almonds.portions.get(description="1 cup, whole").grams == 143
    assert almonds.portions.get(description="1 oz (23 whole kernels)").grams == Decimal("28.35")
    assert almonds.portions.first().description == "1 cup, whole"


# Drinks, logged by the glass or cup: each needs a measure by volume.
DRINKS = [
    ("sr28", "14411"),  # tap water
    ("sr28", "14075"),  # sparkling mineral water
    ("sr28", "14209"),  # coffee
    ("sr28", "14355"),  # black tea
    ("sr28", "01077"),  # whole milk
    ("sr28", "09206"),  # orange juice
    ("sr28", "43075"),  # electrolyte solution
    ("fndds", "95321000"),  # sports drink
    ("fndds", "11360200"),  # oat milk
]
VOLUMES = ("fl oz", "cup", "ml", "liter", "bottle")


def test_drinks_come_with_a_measure_by_volume():
    load_foods()

    for key in DRINKS:
        descriptions = " ".join(food(*key).portions.values_list("description", flat=True)).lower()
        assert any(unit in descriptions for unit in VOLUMES), (key, descriptions)


# Each kind the article names as rich in magnesium, and the staples people eat.
REQUIRED = {
    "spinach": ("sr28", "11457"), "kale": ("sr28", "11233"), "chard": ("sr28", "11147"),
    "collards": ("sr28", "11161"), "black beans": ("sr28", "16015"), "lentils": ("sr28", "16070"),
    "chickpeas": ("sr28", "16057"), "kidney beans": ("sr28", "16028"), "edamame": ("sr28", "11212"),
    "soybeans": ("sr28", "16109"), "peanuts": ("sr28", "16390"), "almonds": ("sr28", "12061"),
    "cashews": ("sr28", "12087"), "pumpkin seeds": ("sr28", "12014"), "chia": ("sr28", "12006"),
    "flax": ("sr28", "12220"), "sunflower seeds": ("sr28", "12036"), "sesame": ("sr28", "12023"),
    "hemp": ("sr28", "12012"), "brazil nuts": ("sr28", "12078"), "walnuts": ("sr28", "12155"),
    "oats": ("sr28", "08121"), "quinoa": ("sr28", "20137"), "brown rice": ("sr28", "20037"),
    "buckwheat": ("sr28", "20010"), "whole-wheat bread": ("sr28", "18075"), "bran cereal": ("sr28", "08001"),
    "avocado": ("sr28", "09037"), "dark chocolate": ("sr28", "19904"), "cocoa": ("sr28", "19165"),
    "coffee": ("sr28", "14209"), "tea": ("sr28", "14355"), "milk": ("sr28", "01077"),
    "white bread": ("sr28", "18069"), "white rice": ("sr28", "20045"), "pasta": ("sr28", "20121"),
    "eggs": ("sr28", "01123"), "banana": ("sr28", "09040"), "potato": ("sr28", "11674"),
    "chicken": ("sr28", "05064"), "beef": ("sr28", "23568"), "pork": ("sr28", "10061"),
    "salmon": ("sr28", "15237"), "tuna": ("sr28", "15121"), "yogurt": ("sr28", "01116"),
    "cheese": ("sr28", "01009"), "tofu": ("sr28", "16126"), "apple": ("sr28", "09003"),
    "orange": ("sr28", "09200"), "berries": ("sr28", "09316"), "tomato": ("sr28", "11529"),
    "carrot": ("sr28", "11124"), "broccoli": ("sr28", "11090"), "orange juice": ("sr28", "09206"),
    "tap water": ("sr28", "14411"), "mineral water": ("sr28", "14075"), "sports drink": ("fndds", "95321000"),
    "electrolyte drink": ("sr28", "43075"), "salt": ("sr28", "02047"), "soup": ("sr28", "06419"),
    "pizza": ("sr28", "21299"),
}


def test_the_table_covers_each_kind_of_food():
    load_foods()

    loaded = set(Food.objects.values_list("source", "source_id"))
    assert [kind for kind, key in REQUIRED.items() if key not in loaded] == []


def test_loading_twice_writes_nothing(django_assert_max_num_queries):
    load_foods()
    counts = Food.objects.count(), Portion.objects.count()
    updated_at = dict(Food.objects.values_list("pk", "updated_at"))

    # One batch: a savepoint, the foods, their portions, the release; no insert or update.
    with django_assert_max_num_queries(4):
        output = load_foods()

    assert (Food.objects.count(), Portion.objects.count()) == counts
    assert dict(Food.objects.values_list("pk", "updated_at")) == updated_at
    assert f"{counts[0]} foods read: 0 created, 0 updated, {counts[0]} unchanged" in output


def test_a_hand_edited_impossible_row_is_skipped_and_named(tmp_path):
    for name in ("foods.csv", "portions.csv"):
        shutil.copy(TABLE_DIR / name, tmp_path / name)
    foods_csv = tmp_path / "foods.csv"
    foods_csv.write_text(foods_csv.read_text().replace("Spinach, raw\",Vegetables and Vegetable Products,79,",
                                                       "Spinach, raw\",Vegetables and Vegetable Products,-79,", 1))

    output = load_foods(table=tmp_path)

    assert "foods.csv line 2 (id 11457): negative nutrient value (magnesium_mg -79)" in output
    assert not Food.objects.filter(source_id="11457").exists()
    assert Food.objects.filter(source_id="12014").exists()
