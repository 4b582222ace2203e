"""An entry sent twice with the same idempotency key (a reply lost, the phone's offline queue sending it again) is
saved once, and the second send is answered like the first; without a key, or with a new one, each send counts."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from pytest_django.asserts import assertContains

from journal.forms.drinks import DrinkForm
from journal.forms.supplements import UsualDoseForm
from journal.models import Drink, MealEntry, SupplementDose
from tests.builders import log_dose, log_food, make_product, pumpkin_seeds

pytestmark = pytest.mark.usefixtures("frozen_now")
KEY = "0b0f1c4e-5a4b-4c1e-9a57-3c9f5a0e2d11"


def glass(key=None):
    return {"kind": "water", "ml": "250"} | ({"idempotency_key": key} if key else {})


def test_a_drink_sent_twice_with_one_key_is_added_once_and_both_sends_land_on_the_day(logged_in_client, user):
    first = logged_in_client.post("/day/2026-11-28/drinks/", glass(KEY), follow=True)
    second = logged_in_client.post("/day/2026-11-28/drinks/", glass(KEY), follow=True)
    for response in (first, second):
        assert response.redirect_chain == [("/day/2026-11-28/", 302)]
        assertContains(response, "Added 250 ml of water.")
    drink = Drink.objects.get(user=user)
    assert (drink.ml, drink.date, drink.idempotency_key) == (250, date(2026, 11, 28), uuid.UUID(KEY))


def test_two_glasses_with_two_keys_or_none_are_two_drinks(logged_in_client, user):
    logged_in_client.post("/day/2026-11-28/drinks/", glass(str(uuid.uuid4())))
    logged_in_client.post("/day/2026-11-28/drinks/", glass(str(uuid.uuid4())))
    logged_in_client.post("/day/2026-11-28/drinks/", glass())
    logged_in_client.post("/day/2026-11-28/drinks/", glass())
    assert Drink.objects.filter(user=user).count() == 4


def test_a_key_is_one_persons_own(client, user, other_user):
    client.force_login(other_user)
    client.post("/day/2026-11-28/drinks/", glass(KEY))
    client.force_login(user)
    client.post("/day/2026-11-28/drinks/", glass(KEY))
    assert sorted(Drink.objects.values_list("user__username", flat=True)) == ["alice", "bob"]


def test_a_key_that_is_no_uuid_is_refused_with_a_message_and_nothing_added(logged_in_client, user):
    response = logged_in_client.post("/day/2026-11-28/drinks/", glass("not-a-key"), follow=True)
    assertContains(response, "Enter a valid UUID.")
    assert not Drink.objects.filter(user=user).exists()


def test_a_dose_sent_twice_with_one_key_is_logged_once(logged_in_client, user):
    product = make_product(user)  # 500 mg magnesium glycinate: 70.50 mg elemental a capsule
    dose = {"product": product.pk, "units": "2", "taken_at": "2026-11-28T08:15", "idempotency_key": KEY}
    for _ in range(2):
        response = logged_in_client.post("/supplements/doses/add/", dose, follow=True)
        assertContains(response, "Logged 141 mg elemental magnesium")
    assert SupplementDose.objects.get(user=user).elemental_mg == Decimal("141.00")


def test_a_food_sent_twice_with_one_key_is_logged_once(logged_in_client, user):
    seeds = pumpkin_seeds()
    cup = seeds.portions.get(description="1 cup")
    entry = {"food": seeds.pk, "portion": cup.pk, "amount": "0.5", "date": "2026-11-28", "meal": "snack",
             "idempotency_key": KEY}
    for _ in range(2):
        response = logged_in_client.post("/meals/add/", entry)
        assert response.status_code == 302 and response["Location"] == "/day/2026-11-28/"
    # Half a cup, 64.5 g x 592 mg/100 g = 381.84 mg, once.
    assert list(MealEntry.objects.filter(user=user).values_list("magnesium_mg", flat=True)) == [Decimal("381.84")]


def test_a_usual_dose_tapped_on_today_and_sent_twice_with_one_key_is_taken_once(logged_in_client, user):
    glycinate = make_product(user)  # 70.50 mg elemental a capsule
    log_dose(user, date(2026, 11, 27), product=glycinate, units="2")
    tap = {"product": glycinate.pk, "idempotency_key": KEY}
    for _ in range(2):
        response = logged_in_client.post("/day/2026-11-28/usual-dose/", tap, follow=True)
        assert response.redirect_chain == [("/day/2026-11-28/", 302)]
        assertContains(response, "Logged 141 mg elemental magnesium")  # 2 x 70.50 mg, both times
    dose = SupplementDose.objects.get(user=user, date=date(2026, 11, 28))
    assert (dose.units, dose.elemental_mg, dose.idempotency_key) == (Decimal("2.00"), Decimal("141.00"), uuid.UUID(KEY))


def test_usual_doses_with_two_keys_or_none_are_taken_each_time(logged_in_client, user):
    glycinate = make_product(user)
    log_dose(user, date(2026, 11, 27), product=glycinate)
    for key in (uuid.uuid4(), uuid.uuid4(), None, None):
        tap = {"product": glycinate.pk} | ({"idempotency_key": str(key)} if key else {})
        logged_in_client.post("/day/2026-11-28/usual-dose/", tap)
    assert SupplementDose.objects.filter(user=user, date=date(2026, 11, 28)).count() == 4


def test_a_usual_dose_key_is_one_persons_own(client, user, other_user):
    for person in (other_user, user):
        glycinate = make_product(person)
        log_dose(person, date(2026, 11, 27), product=glycinate)
        client.force_login(person)
        client.post("/day/2026-11-28/usual-dose/", {"product": glycinate.pk, "idempotency_key": KEY})
    assert sorted(SupplementDose.objects.filter(date=date(2026, 11, 28)).values_list("user__username", flat=True)) == [
        "alice", "bob"
    ]


def test_a_recent_food_tapped_on_today_and_sent_twice_with_one_key_is_logged_once(logged_in_client, user):
    seeds = pumpkin_seeds()
    log_food(user, seeds, "0.5", date(2026, 11, 28) - timedelta(days=1), portion="1 cup")
    [tap] = logged_in_client.get("/today/").context["recent_food_taps"]
    for _ in range(2):
        response = logged_in_client.post(tap.action, tap.fields | {"idempotency_key": KEY}, follow=True)
        assert response.redirect_chain == [("/day/2026-11-28/", 302)]
    # Half a cup, 64.5 g x 592 mg/100 g = 381.84 mg, once, in the meal of the hour (noon: lunch).
    entry = MealEntry.objects.get(user=user, date=date(2026, 11, 28))
    assert (entry.grams, entry.magnesium_mg, entry.meal) == (Decimal("64.50"), Decimal("381.84"), "lunch")


def test_of_two_sends_racing_with_one_key_the_later_answers_with_the_entry_the_first_saved(user):
    later = DrinkForm(glass(KEY), user=user, day=date(2026, 11, 28))
    assert later.is_valid()  # checked before the first send was saved
    first = Drink.objects.create(user=user, date=date(2026, 11, 28), ml=250, idempotency_key=KEY)
    assert later.save() == first
    assert later.saved_message() == "Added 250 ml of water."
    assert Drink.objects.filter(user=user).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds each key once for a person
        Drink.objects.create(user=user, date=date(2026, 11, 28), ml=500, idempotency_key=KEY)


def test_of_two_usual_doses_racing_with_one_key_the_later_answers_with_the_dose_the_first_saved(user):
    glycinate = make_product(user)
    log_dose(user, date(2026, 11, 27), product=glycinate, units="2")
    tap = {"product": glycinate.pk, "idempotency_key": KEY}
    first, later = (UsualDoseForm(tap, user=user, day=date(2026, 11, 28)) for _ in range(2))
    assert first.is_valid() and later.is_valid()  # both checked before either was saved
    saved = first.save()
    assert later.save() == saved
    assert later.saved_message() == "Logged 141 mg elemental magnesium (" + str(saved) + ")."
    assert SupplementDose.objects.filter(user=user, date=date(2026, 11, 28)).count() == 1
