"""The logging flow of a phone: the first-run profile step, the date pickers, the usual dose one tap from Today,
and a product added from the dose form without losing the day."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from journal.models import MealEntry, Profile, SavedMeal, SupplementDose
from tests.builders import log_dose, log_medicine_dose, make_medicine, make_product

pytestmark = pytest.mark.usefixtures("frozen_now")  # 2026-11-28 12:00 UTC


def taps(response, name):
    """The one-tap buttons a page offers, as (action, hidden fields, what the button says)."""
    return [(tap.action, tap.fields, f"{tap.label} · {tap.detail} · {tap.figure}") for tap in response.context[name]]


# First run


def test_sign_up_leads_to_the_profile_step_which_leads_to_today(client, db):
    password = "salt-and-magnesium-42"
    response = client.post("/accounts/signup/", {"username": "dana", "password1": password, "password2": password})
    assertRedirects(response, "/profile/start/")

    response = client.post("/profile/start/", {
        "birth_date": "1990-05-01", "sex": "female", "life_stage": "", "time_zone": "America/Chicago",
    }, follow=True)

    assertRedirects(response, "/today/")
    assertContains(response, "Your daily goal: 320 mg, the RDA for females 31-50 years.")  # 36 on 28 Nov 2026
    profile = Profile.objects.get(user__username="dana")
    assert (profile.birth_date, profile.sex, profile.time_zone) == (date(1990, 5, 1), "female", "America/Chicago")


def test_the_profile_step_marks_its_time_zone_for_the_browser_to_propose(logged_in_client):
    response = logged_in_client.get("/profile/start/")
    assertContains(response, '<select name="time_zone" data-browser-time-zone=""')
    assertContains(response, '<script src="/static/js/time-zone.js"></script>', html=True)


def test_a_time_zone_once_chosen_is_not_replaced_by_the_browsers(logged_in_client, user):
    Profile.objects.create(user=user, time_zone="Asia/Tokyo")
    response = logged_in_client.get("/profile/start/")
    assertContains(response, '<option value="Asia/Tokyo" selected>Asia/Tokyo</option>', html=True)
    assertNotContains(response, "data-browser-time-zone")


def test_the_profile_step_refuses_a_zone_it_does_not_know_and_saves_nothing(logged_in_client, user):
    response = logged_in_client.post("/profile/start/", {"birth_date": "1990-05-01", "sex": "male",
                                                         "time_zone": "Mars/Olympus_Mons"})
    assertContains(response, "Select a valid choice. Mars/Olympus_Mons is not one of the available choices.")
    profile = Profile.for_user(user)
    assert (profile.birth_date, profile.time_zone) == (None, "UTC")


def test_the_profile_step_leaves_the_clinicians_targets_alone(logged_in_client, user):
    Profile.objects.create(user=user, fluid_target_ml=2500, sodium_target_g=Decimal("6"))
    logged_in_client.post("/profile/start/", {"birth_date": "1990-05-01", "sex": "male", "time_zone": "UTC"})
    profile = Profile.for_user(user)
    assert (profile.fluid_target_ml, profile.sodium_target_g, profile.sex) == (2500, Decimal("6.00"), "male")


def test_until_age_and_sex_are_given_today_says_so_and_links_to_the_step(logged_in_client, user):
    response = logged_in_client.get("/today/")
    assertContains(response, "Your profile does not give your birth date or sex yet.")
    assertContains(response, "measured against 420 mg, the Daily Value")
    assertContains(response, 'href="/profile/start/">Complete your profile</a>')

    Profile.objects.filter(user=user).update(birth_date=date(1990, 5, 1))
    assertContains(logged_in_client.get("/today/"), "Your profile does not give your sex yet.")

    Profile.objects.filter(user=user).update(sex="male")
    assertNotContains(logged_in_client.get("/today/"), "Complete your profile")


# Dates


def test_the_day_pickers_date_opens_that_day_and_a_day_page_leads_back_to_today(logged_in_client):
    assertRedirects(logged_in_client.get("/today/", {"date": "2026-10-31"}), "/day/2026-10-31/")
    response = logged_in_client.get("/day/2026-10-31/")
    assertContains(response, '<input type="date" id="day-picker" name="date" class="form-control" value="2026-10-31" '
                             'min="1900-01-01" required>', html=True)
    assertContains(response, '<a class="btn btn-outline-primary" href="/today/">Back to today</a>', html=True)
    assertNotContains(logged_in_client.get("/today/"), "Back to today")


def test_a_date_that_is_not_one_leaves_the_person_on_today(logged_in_client):
    response = logged_in_client.get("/today/", {"date": "2026-02-30"})
    assert response.status_code == 200
    assert response.context["day"] == date(2026, 11, 28)


def test_the_week_pickers_date_opens_the_week_holding_it(logged_in_client):
    assertRedirects(logged_in_client.get("/week/", {"date": "2026-10-29"}), "/week/2026-10-26/")  # a Thursday
    assertContains(logged_in_client.get("/week/2026-10-26/"), 'value="2026-10-26"')


# The usual dose, one tap on Today


def test_today_offers_each_product_taken_in_the_last_7_days_once_at_its_last_dose(logged_in_client, user, today):
    glycinate = make_product(user)  # 70.50 mg elemental a capsule
    citrate = make_product(user, name="Citrate", brand="", form="citrate", label_compound_mg=None,
                           label_elemental_mg=Decimal(100), unit_name="tablet")
    old = make_product(user, name="Old oxide", brand="", form="oxide", label_elemental_mg=Decimal(250))
    log_dose(user, today - timedelta(days=5), product=glycinate, units="1")
    log_dose(user, today - timedelta(days=2), product=glycinate, units="3")
    log_dose(user, today - timedelta(days=6), product=citrate, units="0.5")
    log_dose(user, today - timedelta(days=7), product=old)  # eight days with today: not lately

    response = logged_in_client.get("/today/")

    url = f"/day/{today}/usual-dose/"
    assert taps(response, "usual_dose_taps") == [
        (url, {"product": glycinate.pk}, "Take Acme Magnesium glycinate · 3 × capsule, as last time · 212 mg"),  # 211.5
        (url, {"product": citrate.pk}, "Take Citrate · 0.5 × tablet, as last time · 50 mg"),
    ]
    # Each joins the offline queue, named as Today lists it while it waits.
    assertContains(response, f'<form method="post" action="{url}" class="one-tap" '
                   'data-offline-queue="Acme Magnesium glycinate, 3 × capsule">', count=1)
    assertContains(response, f'<form method="post" action="{url}" class="one-tap" '
                   'data-offline-queue="Citrate, 0.5 × tablet">', count=1)
    assertContains(response, f'<input type="hidden" name="product" value="{glycinate.pk}">', html=True)


def test_one_tap_says_what_the_dose_form_says_the_upper_limit_passed_and_an_antibiotic_too_close(
        logged_in_client, user, today):
    # Noon (UTC): 282 mg this morning and 282 mg more now are 564 mg, above the 350 mg upper limit (NIH ODS); the
    # doxycycline at 13:00 comes an hour after this dose, inside the 6 hours the fact sheet asks for before it.
    glycinate = make_product(user)
    log_dose(user, product=glycinate, units="4", taken_at=datetime(2026, 11, 28, 7, 0, tzinfo=UTC))
    doxycycline = make_medicine(user, "Doxycycline", kind="tetracycline", dose="100 mg")
    log_medicine_dose(user, doxycycline, taken_at=datetime(2026, 11, 28, 13, 0, tzinfo=UTC))

    response = logged_in_client.post(reverse("journal:usual_dose", args=[today]), {"product": glycinate.pk})

    logged, above, too_close = (str(message) for message in get_messages(response.wsgi_request))
    assert logged.startswith("Logged 282 mg elemental magnesium")
    assert "your supplements gave 564 mg of magnesium, above the upper limit of 350 mg a day" in above
    assert "was taken 1 h before Doxycycline (Sat 28 Nov 13:00)" in too_close


def test_the_usual_dose_is_not_offered_on_another_day(logged_in_client, user, today):
    log_dose(user, today, product=make_product(user))
    assertNotContains(logged_in_client.get(f"/day/{today - timedelta(days=1)}/"), 'class="one-tap"')


def test_one_tap_takes_the_last_dose_again_now_in_the_persons_zone(logged_in_client, user, today):
    Profile.objects.filter(user=user).update(time_zone="Asia/Tokyo")  # 21:00 there at 12:00 UTC
    glycinate = make_product(user)
    log_dose(user, today - timedelta(days=2), product=glycinate, units="2")
    glycinate.label_compound_mg = Decimal(1000)  # a new label since: the new dose reads it
    glycinate.save()

    response = logged_in_client.post(reverse("journal:usual_dose", args=[today]), {"product": glycinate.pk},
                                     follow=True)

    assertRedirects(response, f"/day/{today}/")
    assertContains(response, "Logged 282 mg elemental magnesium (2 × Acme Magnesium glycinate on 2026-11-28).")
    dose = SupplementDose.objects.latest("pk")
    assert (dose.units, dose.elemental_mg, dose.date) == (Decimal("2"), Decimal("282.00"), date(2026, 11, 28))
    assert dose.taken_at == datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("tapped_at, taken_at", [
    ("2026-11-28T08:15:00.000Z", datetime(2026, 11, 28, 8, 15, tzinfo=UTC)),  # kept offline since: when tapped
    ("2026-11-28T13:00:00.000Z", datetime(2026, 11, 28, 12, 0, tzinfo=UTC)),  # a phone clock ahead: now, not later
    ("2026-11-27T23:50:00.000Z", datetime(2026, 11, 28, 12, 0, tzinfo=UTC)),  # tapped the day before: now
])
def test_a_usual_dose_sent_after_the_tap_is_taken_when_tapped_on_its_day(logged_in_client, user, today, tapped_at,
                                                                         taken_at):
    glycinate = make_product(user)
    log_dose(user, today - timedelta(days=1), product=glycinate)
    tap = {"product": glycinate.pk, "tapped_at": tapped_at}
    logged_in_client.post(reverse("journal:usual_dose", args=[today]), tap)
    assert SupplementDose.objects.get(date=today).taken_at == taken_at


def test_one_tap_refuses_another_users_product_and_a_product_never_taken(logged_in_client, user, other_user, today):
    theirs = make_product(other_user)
    log_dose(other_user, today, product=theirs)
    never_taken = make_product(user, name="New bottle")
    url = reverse("journal:usual_dose", args=[today])

    response = logged_in_client.post(url, {"product": theirs.pk}, follow=True)
    assertContains(response, "That product is no longer in your list.")
    response = logged_in_client.post(url, {"product": never_taken.pk}, follow=True)
    assertContains(response, "No dose of Acme New bottle is logged yet")
    for nonsense in ("", "abc", "99999999999999999999999"):
        assert logged_in_client.post(url, {"product": nonsense}).status_code == 302  # back to the day, with a message
    assert not SupplementDose.objects.filter(user=user).exists()


def test_one_tap_refuses_a_day_not_yet_lived(logged_in_client, user, today):
    product = make_product(user)
    log_dose(user, today, product=product)
    url = reverse("journal:usual_dose", args=[today + timedelta(days=1)])
    response = logged_in_client.post(url, {"product": product.pk}, follow=True)
    assertContains(response, "That day has not come yet")
    assert SupplementDose.objects.filter(user=user).count() == 1


# The dose form


def test_the_dose_form_proposes_the_product_last_taken_in_its_last_amount_with_its_magnesium(
    logged_in_client, user, today
):
    make_product(user, name="Aardvark citrate", brand="", form="citrate", label_compound_mg=None,
                 label_elemental_mg=Decimal(100))
    glycinate = make_product(user)
    log_dose(user, today - timedelta(days=20), product=glycinate, units="2")

    response = logged_in_client.get("/supplements/doses/add/")

    form = response.context["form"]
    assert (form["product"].value(), form["units"].value()) == (glycinate.pk, "2")
    assert [label for _, label in form.fields["product"].choices] == [
        "100 mg a capsule · Aardvark citrate", "70.5 mg a capsule · Acme Magnesium glycinate",
    ]
    assertContains(response, "70.5 mg a capsule · Acme Magnesium glycinate</option>")


def test_a_product_added_from_the_dose_form_comes_back_to_it_chosen_on_the_same_day(logged_in_client, user):
    make_product(user, name="Aardvark citrate", brand="", form="citrate", label_elemental_mg=Decimal(100))
    dose_page = logged_in_client.get("/supplements/doses/add/", {"date": "2026-11-20", "next": "/day/2026-11-20/"})
    link = ("/supplements/products/add/"
            "?next=/supplements/doses/add/%3Fdate%3D2026-11-20%26next%3D%252Fday%252F2026-11-20%252F")
    assertContains(dose_page, f'href="{link}">Add another product</a>')

    response = logged_in_client.post(link, {"name": "Zinc-free glycinate", "form": "glycinate",
                                            "unit_name": "capsule", "label_elemental_mg": "120"})

    product = user.supplement_products.get(name="Zinc-free glycinate")
    back = f"/supplements/doses/add/?date=2026-11-20&next=%2Fday%2F2026-11-20%2F&product={product.pk}"
    assertRedirects(response, back)
    form = logged_in_client.get(back).context["form"]
    assert (form["product"].value(), form["units"].value()) == (product.pk, "1")
    assert form["taken_at"].value().date() == date(2026, 11, 20)

    response = logged_in_client.post(back, {"product": product.pk, "units": "1", "taken_at": "2026-11-20T08:00"})
    assertRedirects(response, "/day/2026-11-20/")


def test_another_users_product_in_the_query_string_is_not_proposed(logged_in_client, user, other_user):
    mine = make_product(user)
    theirs = make_product(other_user, name="Theirs")
    form = logged_in_client.get("/supplements/doses/add/", {"product": theirs.pk}).context["form"]
    assert form["product"].value() == mine.pk


# One-tap foods on the log form


def test_recent_foods_are_one_tap_forms_for_the_day_and_meal_of_the_form(logged_in_client, log_food, pumpkin_seeds,
                                                                         today):
    log_food(pumpkin_seeds, "0.5", "1 cup", day=today - timedelta(days=1))
    response = logged_in_client.get("/meals/add/", {"date": "2026-11-25", "meal": "snack"})
    [(action, fields, _)] = taps(response, "recent_taps")
    assert action == "/meals/add/"
    assert fields["date"] == "2026-11-25" and fields["meal"] == "snack" and fields["amount"] == Decimal("0.500")
    assertContains(response, '<form method="post" action="/meals/add/" class="one-tap" data-offline-queue='
                   f'"{pumpkin_seeds.name}, 0.5 × 1 cup (64.5 g)">', count=1)
    assertContains(response, '<div class="offline-queue alert alert-warning" id="offline-queue" role="status" '
                   'data-user="alice">', count=1)  # where it waits, on this page too


def test_today_offers_recent_foods_in_one_tap_to_the_meal_of_the_hour_and_another_day_does_not(
    logged_in_client, user, log_food, pumpkin_seeds, today
):
    Profile.objects.filter(user=user).update(time_zone="America/New_York")  # 07:00 there at 12:00 UTC
    log_food(pumpkin_seeds, "0.5", "1 cup", day=today - timedelta(days=1))
    response = logged_in_client.get("/today/")
    [(action, fields, label)] = taps(response, "recent_food_taps")
    assert (action, fields["date"], fields["meal"]) == ("/meals/add/", "2026-11-28", "breakfast")
    assert label == f"{pumpkin_seeds.name} · 0.5 × 1 cup (64.5 g) · 382 mg"  # 64.5 g x 592 mg/100 g = 381.84 mg
    assertContains(response, "Logged to breakfast, in the amount you usually have.")
    assert logged_in_client.get(f"/day/{today - timedelta(days=1)}/").context["recent_food_taps"] == []


def test_a_saved_meal_is_a_one_tap_form_for_the_day_and_meal_of_the_form(logged_in_client, user, log_food,
                                                                          pumpkin_seeds, today):
    saved_meal = SavedMeal.create_from(user, "usual breakfast", [log_food(pumpkin_seeds, "0.5", "1 cup")])
    response = logged_in_client.get("/meals/add/", {"date": "2026-11-25", "meal": "snack"})
    [(action, fields, label)] = taps(response, "saved_meal_taps")
    assert (action, fields) == (f"/saved-meals/{saved_meal.pk}/log/", {"date": "2026-11-25", "meal": "snack"})
    assertContains(response, f'<form method="post" action="{action}" class="one-tap">', count=1)  # online only

    logged_in_client.post(action, fields)
    assert MealEntry.objects.get(date=date(2026, 11, 25), meal="snack").magnesium_mg == Decimal("381.84")


def test_a_product_whose_magnesium_is_unknown_is_offered_as_no_data_and_refused_with_a_reason(
    logged_in_client, user, today
):
    product = make_product(user)
    log_dose(user, today - timedelta(days=1), product=product)
    product.form = "other"  # no salt to compute from, and no label figure: the magnesium is not known
    product.save()

    response = logged_in_client.get("/today/")
    [(_, _, offered)] = taps(response, "usual_dose_taps")
    assert offered == "Take Acme Magnesium glycinate · 1 × capsule, as last time · no data"
    response = logged_in_client.post(reverse("journal:usual_dose", args=[today]), {"product": product.pk}, follow=True)
    assertContains(response, "Acme Magnesium glycinate has no magnesium figure: edit the product from its label.")
    assert SupplementDose.objects.filter(user=user).count() == 1


@pytest.mark.parametrize("chosen", ["abc", "-1", "99999999999999999999999", "", "²", "٣"])
def test_a_product_in_the_query_string_that_is_not_one_is_ignored(logged_in_client, user, chosen):
    mine = make_product(user)
    response = logged_in_client.get("/supplements/doses/add/", {"product": chosen})
    assert response.context["form"]["product"].value() == mine.pk
