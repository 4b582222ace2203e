from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from foods.models import Food
from tests.builders import make_food


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def almonds(db):
    return make_food("Nuts, almonds", category="Nut and Seed Products", source_id="12061", magnesium_mg="270",
                     portions=[("1 cup, whole", "143")])


def test_it_lists_foods_with_source_and_magnesium(admin_client, almonds, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("admin:foods_food_changelist"))

    assertContains(response, "Nuts, almonds")
    assertContains(response, "12061")
    assertContains(response, "270.000")


def test_it_finds_foods_by_usda_id(admin_client, almonds, spinach):
    response = admin_client.get(reverse("admin:foods_food_changelist"), {"q": "11457"})

    assertContains(response, "Spinach, raw")
    assertNotContains(response, "Nuts, almonds")


def test_it_filters_foods_by_category(admin_client, almonds, spinach):
    response = admin_client.get(reverse("admin:foods_food_changelist"), {"category": "Nut and Seed Products"})

    assertContains(response, "Nuts, almonds")
    assertNotContains(response, "Spinach, raw")


def test_it_shows_a_usda_foods_portions(admin_client, almonds):
    response = admin_client.get(reverse("admin:foods_food_change", args=[almonds.pk]))

    assertContains(response, "1 cup, whole")


def test_it_lists_portions_with_their_food(admin_client, almonds):
    response = admin_client.get(reverse("admin:foods_portion_changelist"))

    assertContains(response, "1 cup, whole")
    assertContains(response, "Nuts, almonds")


def test_a_usda_foods_name_source_and_figures_are_read_only(admin_client, almonds):
    response = admin_client.get(reverse("admin:foods_food_change", args=[almonds.pk]))

    for field in ("name", "source", "source_id", "magnesium_mg", "potassium_mg", "energy_kcal"):
        assertNotContains(response, f'name="{field}"')
    assertContains(response, "270.000")


def test_a_usda_food_keeps_its_figures_when_the_form_is_posted(admin_client, almonds):
    response = admin_client.post(reverse("admin:foods_food_change", args=[almonds.pk]), {
        "name": "Almonds, edited", "magnesium_mg": "999", "category": "Nuts",
        "portions-TOTAL_FORMS": "0", "portions-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302
    almonds.refresh_from_db()
    assert (almonds.name, almonds.magnesium_mg, almonds.category) == ("Nuts, almonds", Decimal("270"), "Nuts")


def test_a_custom_food_stays_editable(admin_client, user):
    food = make_food("Alice's granola", source=Food.Source.CUSTOM, owner=user, magnesium_mg=150)
    response = admin_client.get(reverse("admin:foods_food_change", args=[food.pk]))

    assertContains(response, 'name="name"')
    assertContains(response, 'name="magnesium_mg"')
    assertNotContains(response, 'name="source"')
    assertNotContains(response, 'name="owner"')


def test_a_usda_foods_portions_cannot_be_changed(admin_client, almonds):
    cup = almonds.portions.get()
    response = admin_client.get(reverse("admin:foods_food_change", args=[almonds.pk]))
    assertNotContains(response, 'name="portions-0-grams"')
    response = admin_client.post(reverse("admin:foods_portion_change", args=[cup.pk]),
                                 {"food": almonds.pk, "description": "1 cup, whole", "grams": "200", "position": 0})
    assert response.status_code == 403
    cup.refresh_from_db()
    assert cup.grams == Decimal("143")


def test_a_custom_food_cannot_be_made_a_shared_food(admin_client, user):
    from django.db import IntegrityError, transaction

    food = make_food("Alice's granola", source=Food.Source.CUSTOM, owner=user, magnesium_mg=150)
    admin_client.post(reverse("admin:foods_food_change", args=[food.pk]), {
        "name": "Alice's granola", "source": "sr28", "owner": "", "magnesium_mg": "150",
        "portions-TOTAL_FORMS": "0", "portions-INITIAL_FORMS": "0",
    })
    food.refresh_from_db()
    assert (food.source, food.owner) == ("custom", user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Food.objects.filter(pk=food.pk).update(owner=None)
