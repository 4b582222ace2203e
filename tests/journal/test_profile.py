from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile

URL = reverse("journal:profile")
pytestmark = pytest.mark.usefixtures("frozen_now")


def profile_data(**changes):
    data = {"birth_date": "1990-06-01", "sex": "female", "life_stage": "", "time_zone": "Europe/Berlin",
            "doctor_goal_mg": ""}
    return data | changes


def test_it_shows_the_form_and_asks_for_age_and_sex(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, "Add your birth date and sex")
    assertContains(response, "Daily Value")
    assertContains(response, '<option value="America/New_York"')


def test_it_saves_and_shows_the_reference_amounts(logged_in_client, user):
    response = logged_in_client.post(URL, profile_data(), follow=True)
    assertContains(response, "Profile saved.")
    profile = Profile.objects.get(user=user)
    assert (profile.birth_date, profile.sex, profile.time_zone) == (date(1990, 6, 1), "female", "Europe/Berlin")
    # Born 1990: 31-50 in 2026 (the test is safe until 2040, when she turns 50).
    assertContains(response, "Females 31-50 years")
    assertContains(response, "320 mg/day")
    assertContains(response, "350 mg/day")
    assertContains(response, "RDA for females 31-50 years")


def test_a_doctors_goal_replaces_the_rda_and_the_page_says_so(logged_in_client):
    response = logged_in_client.post(URL, profile_data(doctor_goal_mg="500"), follow=True)
    assertContains(response, "Your daily goal: 500 mg</strong>, the goal set by your doctor")
    assertContains(response, "Your doctor's goal replaces the RDA of 320 mg")


def test_a_child_sees_the_childs_upper_limit(logged_in_client, frozen_now):
    six_years_ago = frozen_now.date().replace(year=frozen_now.year - 6) - timedelta(days=30)
    response = logged_in_client.post(URL, profile_data(birth_date=six_years_ago.isoformat(), sex="male"), follow=True)
    assertContains(response, "Children 4-8 years")
    assertContains(response, "130 mg/day")
    assertContains(response, "110 mg/day")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sex": "male", "life_stage": "pregnant"}, "Pregnancy and breastfeeding apply only when sex is female."),
        ({"sex": "", "life_stage": "lactating"}, "Pregnancy and breastfeeding apply only when sex is female."),
        ({"birth_date": "2026-11-30"}, "A birth date cannot be in the future."),  # after today in every zone
        ({"birth_date": "1899-12-31"}, "Enter a birth date from 1900 on."),
        ({"birth_date": "2001-02-30"}, "Enter a valid date."),
        ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice."),
        ({"doctor_goal_mg": "0"}, "greater than or equal to 1"),
        ({"doctor_goal_mg": "2001"}, "less than or equal to 2000"),
        ({"doctor_goal_mg": "-5"}, "greater than or equal to 1"),
    ],
)
def test_it_refuses_bad_input_at_the_field_and_saves_nothing(logged_in_client, user, changes, message):
    response = logged_in_client.post(URL, profile_data(**changes))
    assert response.status_code == 200
    assertContains(response, message)
    profile = Profile.objects.get(user=user)
    assert profile.birth_date is None and profile.sex == "" and profile.doctor_goal_mg is None


def test_breastfeeding_is_accepted_for_a_female(logged_in_client, user):
    logged_in_client.post(URL, profile_data(birth_date="2000-01-01", life_stage="lactating"))
    assert Profile.objects.get(user=user).life_stage == "lactating"
    response = logged_in_client.get(URL)
    assertContains(response, "Lactation")
    assertNotContains(response, "Your doctor's goal")


def test_a_birth_date_is_in_the_future_by_the_users_own_calendar(logged_in_client, user, monkeypatch):
    # Far west of the server, the user's today can be the server's yesterday: judge by the user's.
    monkeypatch.setattr(Profile, "today", lambda profile: date(2026, 1, 1))
    response = logged_in_client.post(URL, profile_data(birth_date="2026-01-02"))
    assertContains(response, "A birth date cannot be in the future.")
    assert Profile.for_user(user).birth_date is None


def test_age_is_unknown_without_a_birth_date_and_counts_months_for_a_baby(user):
    profile = Profile.for_user(user)
    assert profile.age() is None
    # Born 15 March 2024: on 14 September 2024 five whole months have passed, on 15 September six (0.5 year).
    profile.birth_date = date(2024, 3, 15)
    assert profile.age(date(2024, 9, 14)) == Decimal(5) / 12
    assert profile.age(date(2024, 9, 15)) == Decimal("0.5")
    assert profile.age(date(2026, 3, 15)) == 2


@pytest.mark.parametrize(
    ("given", "stored_ml", "shown"),
    [
        ({"fluid_target": "2.5", "fluid_target_unit": "L"}, 2500, "2.5 L</strong> a day (2500 ml)"),
        ({"fluid_target": "2500", "fluid_target_unit": "ml"}, 2500, "2,500 ml</strong> a day"),
    ],
)
def test_a_fluid_target_is_kept_in_ml_and_said_back_in_the_clinicians_unit(logged_in_client, user, given, stored_ml,
                                                                             shown):
    response = logged_in_client.post(URL, profile_data(**given), follow=True)

    assert Profile.objects.get(user=user).fluid_target_ml == stored_ml
    assertContains(response, shown)


@pytest.mark.parametrize(
    ("given", "sodium_mg", "working"),
    [
        # 10 g of salt x 0.393 = 3.93 g = 3,930 mg of sodium.
        ({"sodium_target_g": "10", "sodium_target_as": "salt"}, 3930,
         "10 g of salt = 3,930 mg of sodium (salt, sodium chloride, is 39.3% sodium by mass)"),
        ({"sodium_target_g": "4", "sodium_target_as": "sodium"}, 4000, "4 g of sodium = 4,000 mg of sodium"),
        # 2.5 g of salt x 0.393 = 0.9825 g = 982.5 mg, half up to 983 mg.
        ({"sodium_target_g": "2.5", "sodium_target_as": "salt"}, 983, "2.5 g of salt = 983 mg of sodium"),
    ],
)
def test_a_salt_or_sodium_target_is_converted_with_its_working(logged_in_client, user, given, sodium_mg, working):
    response = logged_in_client.post(URL, profile_data(**given), follow=True)

    assert Profile.objects.get(user=user).sodium_target_mg == sodium_mg
    assertContains(response, working)


def test_there_is_no_default_target(logged_in_client, user):
    response = logged_in_client.post(URL, profile_data(), follow=True)

    profile = Profile.objects.get(user=user)
    assert (profile.fluid_target_ml, profile.sodium_target_mg) == (None, None)
    assertContains(response, "Fluid: none set.")


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"fluid_target": "25", "fluid_target_unit": "L"}, "fluid_target", "That is 25,000 ml a day"),
        ({"fluid_target": "2", "fluid_target_unit": "ml"}, "fluid_target", "check the unit, litres or ml"),
        ({"fluid_target": "-2", "fluid_target_unit": "L"}, "fluid_target", "greater than or equal to 0.001"),
        ({"sodium_target_g": "-3"}, "sodium_target_g", "greater than or equal to 0.01"),
        ({"sodium_target_g": "60"}, "sodium_target_g", "less than or equal to 50"),
    ],
)
def test_a_target_that_cannot_be_meant_is_refused_and_nothing_is_saved(logged_in_client, user, given, field,
                                                                         message):
    response = logged_in_client.post(URL, profile_data(**given))

    assert message in " ".join(response.context["form"].errors[field])
    assert not Profile.objects.filter(user=user, birth_date__isnull=False).exists()
