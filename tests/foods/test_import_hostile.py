"""Whatever a release file holds, the import stores only foods that can be true and says what it skipped.

Hypothesis writes hostile rows (NaN, infinity, huge, negative, NUL, markup, broken quoting, oversized names) into
a copy of the SR28 sample and runs `manage.py import_usda`: it either finishes, every stored figure within the
checks' bounds, or stops with a message and stores nothing; never another error.
"""

import shutil
import uuid
from decimal import Decimal

import pytest
from django.core.management import CommandError
from hypothesis import example, given
from hypothesis import strategies as st

from foods.models import Food, Portion
from foods.nutrients import MOST_PER_100_G
from foods.usda.records import PORTION_MAX_GRAMS, BadNumber, parse_amount
from foods.usda.sr28 import ABBREV_COLUMNS, ABBREV_WIDTH
from tests.foods.samples import SR28, import_usda
from tests.hostile import FEW_EXAMPLES, hostile_values


def latin1(text):
    return text.encode("latin-1", "replace").decode("latin-1")  # SR28's files are Latin-1


texts = hostile_values.map(latin1)
# Mostly figures a release could hold, so that rows get past the number check to the bounds and the database.
figures = st.one_of(
    st.decimals(min_value=0, max_value=1200, places=3).map(str), st.just(""), st.just("-1"), st.just("100001"), texts
)
ids = st.one_of(st.just("99001"), st.just("12014"), texts)


@st.composite
def abbrev_rows(draw):
    fields = ["0"] * ABBREV_WIDTH
    fields[0], fields[1] = f"~{draw(ids)}~", f"~{draw(texts)}~"
    for position in ABBREV_COLUMNS.values():
        fields[position] = draw(figures)
    return "^".join(fields)


@st.composite
def weight_rows(draw):
    return f"~{draw(ids)}~^1^{draw(figures)}^~{draw(texts)}~^{draw(figures)}^^"


@given(text=hostile_values)
def test_a_figure_is_a_finite_number_no_data_or_refused_by_name(text):
    try:
        value = parse_amount(text, "magnesium")
    except BadNumber as error:
        assert "magnesium" in str(error)
    else:
        assert value is None or (isinstance(value, Decimal) and value.is_finite())


@pytest.mark.django_db
def test_any_release_row_is_stored_true_or_skipped_and_never_breaks_the_import(tmp_path):
    @FEW_EXAMPLES
    @given(foods=st.lists(abbrev_rows(), min_size=1, max_size=3), portions=st.lists(weight_rows(), max_size=3))
    @example(  # NUL in a name or a portion: PostgreSQL refuses it, so the import once stopped with a DataError
        foods=["~99001~^~Bad\x00name <b>x</b>~^0^100^0^0^0^0^0^0^10^0^50^0^10^10^0"],
        portions=["~99001~^1^1^~cup\x00~^30^^", "~12014~^9^1^~oz\x00~^28^^"],
    )
    def check(foods, portions):
        folder = tmp_path / uuid.uuid4().hex
        shutil.copytree(SR28, folder)
        for name, rows in (("ABBREV.txt", foods), ("WEIGHT.txt", portions)):
            with open(folder / name, "a", encoding="latin-1", newline="") as file:
                file.writelines(f"{row}\r\n" for row in rows)
        before = (Food.objects.count(), Portion.objects.count())
        try:
            output = import_usda(folder)
        except CommandError as error:
            assert "cannot read" in str(error)
            assert (Food.objects.count(), Portion.objects.count()) == before
            return
        assert "foods read" in output
        for food in Food.objects.all():
            assert food.name.strip() and "\x00" not in food.name
            for name, most in MOST_PER_100_G.items():
                value = getattr(food, name)
                assert value is None or 0 <= value <= most
        impossible = [(p.food.name, p.description, p.grams) for p in Portion.objects.select_related("food")
                      if not 0 < p.grams <= PORTION_MAX_GRAMS]
        assert impossible == []

    check()
