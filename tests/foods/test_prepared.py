"""A query whose SQL the ORM writes once and each search runs with its own parameters."""

from decimal import Decimal

import pytest

from foods.models import Food
from foods.prepared import Prepared
from tests.builders import make_food

pytestmark = pytest.mark.django_db


def test_each_run_takes_its_own_parameters_and_converts_as_the_orm_does(user, other_user):
    mine = make_food("Oat bar, mine", source=Food.Source.CUSTOM, owner=user, magnesium_mg="57.25")
    theirs = make_food("Oat bar, theirs", source=Food.Source.CUSTOM, owner=other_user, magnesium_mg="61")
    owned = Prepared(lambda owner: Food.objects.filter(owner=owner).values_list("pk", "name", "magnesium_mg"))
    assert owned.rows(user.pk) == [(mine.pk, "Oat bar, mine", Decimal("57.25"))]
    assert owned.rows(other_user.pk) == [(theirs.pk, "Oat bar, theirs", Decimal("61"))]


def test_a_list_of_ids_is_written_once_for_each_length(user):
    foods = [make_food(f"Rice, sample {number}") for number in range(3)]
    by_id = Prepared(lambda *ids: Food.objects.filter(pk__in=ids).order_by("pk").values_list("name"))
    assert by_id.rows(foods[2].pk) == [("Rice, sample 2",)]
    assert by_id.rows(foods[0].pk, foods[2].pk) == [("Rice, sample 0",), ("Rice, sample 2",)]
    assert by_id.rows(foods[1].pk) == [("Rice, sample 1",)]


def test_it_refuses_sql_taking_a_parameter_it_is_not_given(user):
    named = Prepared(lambda owner: Food.objects.filter(owner=owner, name="Oat bar").values_list("pk"))
    with pytest.raises(ValueError, match="not only the parameters"):
        named.rows(user.pk)
