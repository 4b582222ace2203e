"""The checks every imported row passes: what cannot be true is rejected, with its reason."""

from decimal import Decimal

import pytest

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
                 "calcium_mg": Decimal(269), "energy_kcal": Decimal(579)}
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
        ({"magnesium_mg": Decimal("1000.001")}, "magnesium above 1000 mg/100 g"),
        ({"energy_kcal": Decimal("903")}, "energy above 902 kcal/100 g"),
        ({"sodium_mg": Decimal("100001")}, "mineral heavier than the food"),
        ({"name": "Nuts,\x00 almonds"}, "control characters in id, name or category"),
        ({"source_id": "120\x0061"}, "control characters in id, name or category"),
    ],
)
def test_a_food_that_cannot_be_true_is_rejected_with_its_reason(changes, reason):
    rejected = screened_food(almonds(**changes), "ABBREV.txt", 3635)

    assert isinstance(rejected, Rejected)
    assert rejected.reason == reason
    assert str(rejected).startswith("ABBREV.txt line 3635")


@pytest.mark.parametrize(
    ("magnesium_mg", "energy_kcal"),
    [(Decimal(781), Decimal(902)), (Decimal(1000), Decimal(0)), (None, None)],
)
def test_the_extremes_of_the_real_releases_pass(magnesium_mg, energy_kcal):
    # Rice bran (781 mg), beef tallow (902 kcal), and "no data" are all true.
    record = almonds(magnesium_mg=magnesium_mg, energy_kcal=energy_kcal)

    assert screened_food(record, "ABBREV.txt", 1) is record


@pytest.mark.parametrize(
    ("description", "grams", "reason"),
    [
        ("1 cup", Decimal(0), "portion of 0 g or less"),
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
