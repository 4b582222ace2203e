"""One rounding rule and one display precision per kind of figure, as a reader sees them (foods.figures)."""

from decimal import Decimal

import pytest
from django.template import engines

from foods.figures import percent, plain, rounded, show, stored


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (Decimal("0.5"), "mg", Decimal(1)),  # round() would give 0
        (Decimal("2.5"), "mg", Decimal(3)),  # round() would give 2
        (Decimal("763.68"), "mg", Decimal(764)),
        (Decimal("6.25"), "score", Decimal("6.3")),  # round(6.25, 1) would give 6.2
        (6.25, "score", Decimal("6.3")),  # a float mean rounds as the decimal it prints as
        (Decimal("902.5"), "kcal", Decimal(903)),
        (Decimal("257.6"), "source", Decimal("257.6")),
        (Decimal("28.35"), "g", Decimal("28.35")),
    ],
)
def test_halves_round_up_to_the_kinds_precision(value, kind, expected):
    assert rounded(value, kind) == expected


@pytest.mark.parametrize("value", [None, float("nan")])
def test_none_and_nan_are_no_data_never_zero(value):
    assert rounded(value, "mg") is None
    assert show(value, "mg") == "no data"


def test_stored_figures_keep_hundredths_rounded_half_up():
    # 592 mg/100 g x 28.35 g = 167.832 mg; 0.125 is a half at the third place.
    assert stored(Decimal("167.832")) == Decimal("167.83")
    assert stored(Decimal("0.125")) == Decimal("0.13")
    assert stored(Decimal("166.6665"), Decimal("0.001")) == Decimal("166.667")


def test_percent_is_a_whole_share_and_none_when_unknown():
    assert percent(Decimal("763.68"), 420) == 182  # 763.68 x 100 / 420 = 181.83
    assert percent(Decimal("42"), 420) == 10
    assert percent(Decimal("52.5"), 420) == 13  # 12.5 rounds up
    assert percent(None, 420) is None
    assert percent(Decimal(10), 0) is None


@pytest.mark.parametrize(
    ("value", "kind", "unit", "expected"),
    [
        (Decimal("1234.5"), "mg", None, "1,235 mg"),
        (Decimal("38758"), "source", "mg", "38,758 mg"),
        (Decimal("257.600"), "source", "mg", "257.6 mg"),  # as USDA gives it, less the column's zeros
        (Decimal("5000"), "g", None, "5,000 g"),
        (Decimal("6.25"), "score", None, "6.3"),
        (Decimal("181.83"), "percent", None, "182%"),
        (Decimal("-0.04"), "bpm", None, "0.0 bpm"),  # not "-0.0": and so every equal figure reads the same
        (-0.3, "mg", None, "0 mg"),
    ],
)
def test_show_writes_a_figure_as_a_person_reads_it(value, kind, unit, expected):
    assert show(value, kind, unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("500.00"), "500"), (Decimal("70.50"), "70.5"), (Decimal("1E+1"), "10"), (Decimal("0.000"), "0")],
)
def test_plain_drops_trailing_zeros_and_exponents(value, expected):
    assert plain(value) == expected


def test_the_template_filter_shows_worked_out_and_source_figures():
    template = engines["jinja2"].from_string('{{ portion|figure("mg") }} / {{ per_100_g|figure("source mg") }}')
    assert template.render({"portion": Decimal("763.68"), "per_100_g": Decimal("257.600")}) == "764 mg / 257.6 mg"
