import shutil
from decimal import Decimal

import pytest

from foods.models import Food
from tests.foods.samples import FOUNDATION, import_usda

pytestmark = pytest.mark.django_db


def foundation_food(fdc_id):
    return Food.objects.get(source=Food.Source.FOUNDATION, source_id=fdc_id, owner=None)


def test_it_stores_usda_magnesium_per_100_g():
    import_usda(FOUNDATION)

    assert foundation_food("2346393").magnesium_mg == Decimal("257.6")
    assert foundation_food("1999633").magnesium_mg == Decimal("92.96")
    assert foundation_food("2515380").magnesium_mg == Decimal("499.7")


def test_it_imports_only_the_current_foundation_foods():
    import_usda(FOUNDATION)

    # 12 current foods, less the hummus whose magnesium was made negative; the
    # superseded 321900 "Broccoli, raw" and the sample foods stay out.
    assert Food.objects.count() == 11
    assert not Food.objects.filter(source_id="321900").exists()
    assert not Food.objects.filter(source_id="321829").exists()


def test_it_reads_a_description_that_spans_two_lines_as_one():
    import_usda(FOUNDATION)

    assert foundation_food("2515374").name == "Nuts, cashew nuts, raw"
    assert foundation_food("2515374").magnesium_mg == Decimal("250.6")


def test_it_takes_the_category_from_food_category():
    import_usda(FOUNDATION)

    assert foundation_food("2346393").category == "Nut and Seed Products"


def test_energy_prefers_1008_then_atwater_general_factors():
    import_usda(FOUNDATION)

    assert foundation_food("330458").energy_kcal == 833  # coconut oil has 1008
    assert foundation_food("2346393").energy_kcal == Decimal("625.75")  # almonds: 2047 only, not 2048


def test_it_describes_portions_with_unit_and_modifier():
    import_usda(FOUNDATION)

    portions = [(p.description, p.grams) for p in foundation_food("325430").portions.all()]
    assert portions[0] == ("1 cup, slices with skin", Decimal("154"))
    assert ("1 fruit, small (2-1/2\" dia)", Decimal("147")) in portions


def test_it_rejects_a_negative_figure_naming_the_food():
    output = import_usda(FOUNDATION)

    assert not Food.objects.filter(source_id="321358").exists()
    assert "(id 321358): negative nutrient value (magnesium_mg -71.1)" in output


def test_an_undetermined_unit_needs_a_modifier_to_say_what_it_is():
    output = import_usda(FOUNDATION)

    portions = foundation_food("2346393").portions.all()
    assert [(p.description, p.grams) for p in portions] == [("1 almond", Decimal("1.2"))]
    assert "food_portion.csv line 15 (id 2346393): unit undetermined and no modifier" in output


def test_it_reads_water_from_nutrient_1051_and_leaves_it_unknown_without_one(tmp_path):
    # The release copy in shared/data/usda carries only the nutrients the app read before water (no 1051 rows);
    # a row of the full release's layout is added here to a copy of the samples.
    folder = tmp_path / "foundation"
    shutil.copytree(FOUNDATION, folder)
    with open(folder / "food_nutrient.csv", "a", encoding="utf-8", newline="") as rows:
        rows.write('"9999001","2346393","1051","4.41","3","1","","","","",""\n')

    import_usda(folder)

    assert foundation_food("2346393").water_g == Decimal("4.41")
    assert foundation_food("1999633").water_g is None
