"""The checks every imported row passes: what cannot be true is rejected, with its reason."""

from decimal import Decimal

import pytest

from foods.nutrients import MOST_PER_100_G, UNITS, Nutrients
from foods.usda.records import (
    BadNumber,
    FoodRecord,
    PortionRecord,
    Rejected,
    parse_amount,
    screened_food,
    screened_portion,
)


def almonds(**changes):
    """SR28 12061 as ABBREV.txt gives it, with `changes` applied."""
    fields = {"source": "sr28", "source_id": "12061", "name": "Nuts, almonds", "category": "Nut and Seed Products"}
    nutrients = {"magnesium_mg": Decimal(270), "potassium_mg": Decimal(733), "sodium_mg": Decimal(1),
                 "calcium_mg": Decimal(269), "energy_kcal": Decimal(579), "water_g": Decimal("4.41")}
    for name, value in changes.items():
        (nutrients if name in nutrients else fields)[name] = value
    return FoodRecord(**fields, nutrients=nutrients)


def test_a_true_food_passes():
    record = almonds()

    assert screened_food(record, "ABBREV.txt", 3635) is record


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"source_id": ""}, "missing id"),
        ({"name": "  "}, "missing name"),
        ({"name": "x" * 256}, "name or category too long"),
        ({"calcium_mg": Decimal("-1")}, "negative nutrient value"),
        ({"name": "Nuts,\x00 almonds"}, "control characters in id, name or category"),
        ({"source_id": "120\x0061"}, "control characters in id, name or category"),
    ],
)
def test_a_food_that_cannot_be_true_is_rejected_with_its_reason(changes, reason):
    rejected = screened_food(almonds(**changes), "ABBREV.txt", 3635)

    assert isinstance(rejected, Rejected)
    assert rejected.reason == reason
    assert str(rejected).startswith("ABBREV.txt line 3635")


# The richest food of each nutrient in the three releases (foods.nutrients.MOST_PER_100_G names them), and the most
# a food can hold: table salt has 38,758 mg sodium per 100 g, the bound is 40,000 mg.
RICHEST_AND_MOST = [
    ("magnesium_mg", Decimal(781), Decimal(1000), "magnesium above 1,000 mg/100 g"),  # SR28 rice bran, crude
    ("potassium_mg", Decimal(16500), Decimal(53000), "potassium above 53,000 mg/100 g"),  # cream of tartar
    ("sodium_mg", Decimal(38758), Decimal(40000), "sodium above 40,000 mg/100 g"),  # table salt
    ("calcium_mg", Decimal(7364), Decimal(10000), "calcium above 10,000 mg/100 g"),  # baking powder
    ("energy_kcal", Decimal(902), Decimal(1000), "energy above 1,000 kcal/100 g"),  # fish oil, lard
    ("water_g", Decimal("99.98"), Decimal(100), "water above 100 g/100 g"),  # bottled water (SR28 has 100 g)
]


@pytest.mark.parametrize(("nutrient", "richest", "most", "reason"), RICHEST_AND_MOST)
def test_the_richest_real_food_and_a_figure_exactly_at_the_bound_pass(nutrient, richest, most, reason):
    for value in (richest, most):
        record = almonds(**{nutrient: value})
        assert screened_food(record, "ABBREV.txt", 1) is record


@pytest.mark.parametrize(("nutrient", "richest", "most", "reason"), RICHEST_AND_MOST)
def test_a_figure_just_above_the_bound_is_rejected_with_its_reason(nutrient, richest, most, reason):
    # A thousandth above is the smallest step a Food column stores.
    rejected = screened_food(almonds(**{nutrient: most + Decimal("0.001")}), "ABBREV.txt", 3635)

    assert isinstance(rejected, Rejected)
    assert rejected.reason == reason


def test_no_data_is_never_too_much():
    record = almonds(magnesium_mg=None, energy_kcal=None)

    assert screened_food(record, "ABBREV.txt", 1) is record


def test_every_nutrient_has_a_bound():
    assert set(MOST_PER_100_G) == set(Nutrients.NAMES) == set(UNITS)


@pytest.mark.parametrize(
    ("description", "grams", "reason"),
    [
        ("1 cup", Decimal(0), "portion of 0 g or less"),
        ("1 cup", Decimal("0.005"), "portion of 0 g or less"),  # kept to 0.01 g, it would weigh 0 g
        ("1 cup", Decimal("-5"), "portion of 0 g or less"),
        ("1 cup", None, "portion of 0 g or less"),
        ("1 truck", Decimal("10000.01"), "portion above 10000 g"),
        ("", Decimal(30), "portion without a description"),
        ("1 " + "x" * 160, Decimal(30), "portion description too long"),
        ("1 cup\x00", Decimal(30), "control characters in portion description"),
    ],
)
def test_a_portion_that_cannot_be_true_is_rejected(description, grams, reason):
    rejected = screened_portion(description, grams, "WEIGHT.txt", 7, "12061")

    assert rejected.reason == reason


def test_a_whole_watermelon_is_a_portion():
    assert screened_portion("1 large melon", Decimal(6000), "f", 1, "63149010") == PortionRecord(
        "1 large melon", Decimal(6000)
    )


def test_figures_keep_their_text_and_empty_means_no_data():
    assert str(parse_amount("28.35", "grams")) == "28.35"
    assert str(parse_amount("8.0", "magnesium")) == "8.0"
    assert parse_amount("", "magnesium") is None


@pytest.mark.parametrize("text", ["12,5", "n/a", "NaN", "Infinity"])
def test_a_figure_that_is_not_a_number_is_refused(text):
    with pytest.raises(BadNumber, match="is not a number"):
        parse_amount(text, "magnesium")
