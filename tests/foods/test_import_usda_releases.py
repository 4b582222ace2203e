"""The whole of shared/data/usda, imported as a person would: every release, known figures."""

from decimal import Decimal

import pytest
from django.conf import settings

from foods.models import Food, Portion
from tests.foods.samples import import_usda

USDA = settings.USDA_DATA_DIR

pytestmark = [
    pytest.mark.usda,
    pytest.mark.django_db,
    pytest.mark.skipif(not USDA.is_dir(), reason=f"the USDA releases are not at {USDA}"),
]

KNOWN_MAGNESIUM = [
    ("sr28", "12014", "592"),  # pumpkin and squash seed kernels, dried
    ("sr28", "11457", "79"),  # spinach, raw
    ("sr28", "12061", "270"),  # almonds
    ("sr28", "16015", "70"),  # black beans, boiled, without salt
    ("sr28", "19904", "228"),  # chocolate, dark, 70-85% cacao solids
    ("sr28", "20060", "781"),  # rice bran, crude: the richest food in the releases
    ("foundation", "2346393", "257.6"),  # almonds, whole, raw
    ("foundation", "2515380", "499.7"),  # pumpkin seeds (pepitas), raw
    ("fndds", "72125100", "93"),  # spinach, raw
    ("fndds", "42101000", "258"),  # almonds, unroasted
]


def test_it_imports_every_release_with_the_usda_figures():
    output = import_usda(USDA)

    assert Food.objects.count() >= 14_000
    assert Food.objects.filter(source="sr28").count() == 8_790
    assert Food.objects.filter(source="foundation").count() == 340
    assert Food.objects.filter(source="fndds").count() == 5_431
    for source, source_id, magnesium_mg in KNOWN_MAGNESIUM:
        food = Food.objects.get(source=source, source_id=source_id)
        assert food.magnesium_mg == Decimal(magnesium_mg), (source, source_id)
    # 739 SR28 foods have no magnesium figure: "no data", never 0.
    assert Food.objects.filter(source="sr28", magnesium_mg=None).count() == 739
    almonds = Food.objects.get(source="sr28", source_id="12061")
    assert almonds.portions.get(description="1 cup, whole").grams == 143
    assert almonds.portions.get(description="1 oz (23 whole kernels)").grams == Decimal("28.35")
    assert Portion.objects.filter(food__source="sr28").count() == 15_438
    # The only row of the releases that cannot be true: FNDDS's 0 g "Quantity not specified".
    assert "Skipped 1 row:" in output
    assert "(id 11000000): portion of 0 g or less" in output
