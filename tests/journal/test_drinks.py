"""Drinks in ml from the day page: a glass or a bottle in one tap, any amount, refused past 20 L a day."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal.ledger import day_of
from journal.models import Drink, Profile
from tests.builders import add_drink, log_dose, log_food, rehydration_sachet, spinach

pytestmark = pytest.mark.usefixtures("frozen_now")


def add(client, day, **data):
    return client.post(reverse("journal:drink_add", args=[day]), data, follow=True)


def fluid_of(user, day):
    return day_of(Profile.for_user(user), day).fluid


def test_a_glass_and_a_bottle_are_one_tap_each_from_today(logged_in_client, user):
    today_page = logged_in_client.get(reverse("journal:today"))
    assertContains(today_page, "+ Glass of water, 250 ml")
    assertContains(today_page, "+ Bottle of water, 500 ml")
    today = Profile.for_user(user).today()

    add(logged_in_client, today, kind="water", ml="250")
    response = add(logged_in_client, today, kind="water", ml="500")

    assertContains(response, "Added 500 ml of water.")
    assert fluid_of(user, today).total == 750  # 250 + 500
    assertContains(response, '<td class="text-end" id="panel-fluid">750 ml</td>', html=True)


def test_any_amount_of_another_drink(logged_in_client, user):
    today = Profile.for_user(user).today()

    response = add(logged_in_client, today, kind="tea", ml="330")

    assertContains(response, "Added 330 ml of tea or herbal tea.")
    assert list(Drink.objects.values_list("kind", "ml")) == [("tea", 330)]


def test_the_days_fluid_adds_food_water_drinks_and_products(user):
    today = Profile.for_user(user).today()
    log_food(user, spinach(), 1, portion="1 cup")  # 30 g x 91.40 g/100 g = 27.42 ml
    log_dose(user, product=rehydration_sachet(user))  # drunk in 200 ml
    add_drink(user, 250)

    fluid = fluid_of(user, today)

    assert fluid.total == 477  # 27.42 + 200 + 250 = 477.42
    assert fluid.known


@pytest.mark.parametrize(
    ("ml", "message"),
    [
        ("-250", "Give an amount above 0 ml."),
        ("0", "Give an amount above 0 ml."),
        ("20001", "That is more than 20,000 ml (20 L): check the amount."),
        ("two glasses", "Give the amount in whole ml, for example 250."),
        ("", "Give the amount in ml."),
    ],
)
def test_a_bad_amount_is_refused_with_a_message_and_nothing_is_saved(logged_in_client, user, ml, message):
    response = add(logged_in_client, Profile.for_user(user).today(), kind="water", ml=ml)

    assertContains(response, message)
    assert not Drink.objects.exists()


def test_more_than_20_litres_in_a_day_is_refused(logged_in_client, user):
    today = Profile.for_user(user).today()
    add_drink(user, 19_800)
    log_food(user, spinach(), 1, portion="1 cup")  # 27.42 ml: the day holds 19,827 ml

    response = add(logged_in_client, today, kind="water", ml="250")

    # 19,827 + 250 = 20,077 ml > 20,000 ml.
    assertContains(response, "That would make 20,077 ml on this day, more than 20,000 ml (20 L)")
    assert Drink.objects.count() == 1


def test_a_day_still_to_come_takes_no_drinks(logged_in_client, user):
    tomorrow = Profile.for_user(user).today() + timedelta(days=1)

    response = add(logged_in_client, tomorrow, kind="water", ml="250")

    assertContains(response, "A day still to come cannot have drinks")
    assert not Drink.objects.exists()


def test_a_drink_is_removed_by_its_owner_only(logged_in_client, user, other_user):
    mine, theirs = add_drink(user, 250), add_drink(other_user, 500)

    assert logged_in_client.post(reverse("journal:drink_delete", args=[theirs.pk])).status_code == 404
    response = logged_in_client.post(reverse("journal:drink_delete", args=[mine.pk]), follow=True)

    assertContains(response, "Removed 250 ml of water.")
    assert list(Drink.objects.all()) == [theirs]


def test_removing_is_a_post(logged_in_client, user):
    drink = add_drink(user, 250)

    assert logged_in_client.get(reverse("journal:drink_delete", args=[drink.pk])).status_code == 405
    assert Drink.objects.filter(pk=drink.pk).exists()


def test_a_products_water_and_sodium_are_frozen_on_the_dose(user):
    sachet = rehydration_sachet(user)
    dose = log_dose(user, product=sachet, units="1.5")
    sachet.sodium_mg_per_unit = Decimal(500)
    sachet.save()

    dose.refresh_from_db()
    # 1.5 x 345 = 517.50 mg sodium, 1.5 x 156 = 234.00 mg potassium, 1.5 x 200 = 300.0 ml; no magnesium.
    assert (dose.sodium_mg, dose.potassium_mg, dose.water_ml, dose.elemental_mg) == (
        Decimal("517.50"), Decimal("234.00"), Decimal("300.0"), 0,
    )


def test_a_dose_drunk_in_more_than_20_litres_is_refused(logged_in_client, user):
    sachet = rehydration_sachet(user)
    sachet.water_ml_per_unit = Decimal(500)  # a sachet made up with 500 ml: 41 of them are 20,500 ml
    sachet.save()

    response = logged_in_client.post(reverse("journal:dose_add"), {
        "product": sachet.pk, "units": "41", "taken_at": "2026-11-28T12:00",
    })

    assertContains(response, "That is 20,500 ml to drink in one dose, over the 20,000 ml (20 L)")
    assert not user.supplement_doses.exists()
