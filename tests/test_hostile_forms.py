"""Whatever is typed into any form: never a server error, never half a save, and every refusal says why.

Each example starts from a valid form and replaces some fields with hostile values (NaN, infinity, huge and
negative numbers, NUL, HTML and SQL, far dates, oversized text); then either the whole thing is saved and the
user is sent on, or nothing is saved and the form comes back with a message the user can read.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape
from hypothesis import given

from foods.models import Food, Portion
from journal.models import (
    LabResult,
    MealEntry,
    Profile,
    SavedMeal,
    SavedMealItem,
    StandReading,
    StandTest,
    SupplementDose,
    SupplementProduct,
    SymptomNote,
)
from tests.builders import make_product
from tests.hostile import FEW_EXAMPLES, hostile_forms


@pytest.fixture
def diary(user):
    today = Profile.for_user(user).today()
    seeds = Food.objects.create(name="Seeds, pumpkin", source="sr28", source_id="12014", magnesium_mg=592)
    cup = Portion.objects.create(food=seeds, description="1 cup", grams=129, position=0)
    entry = MealEntry(user=user, date=today - timedelta(days=1), meal="breakfast")
    entry.set_food(seeds, Decimal("64.5"), cup, Decimal("0.5"))
    entry.save()
    return {"today": today, "seeds": seeds, "cup": cup, "entry": entry, "product": make_product(user)}


def scores(**changes):
    blank = dict.fromkeys(SymptomNote.SCORES, "")
    return blank | {"dizziness": "3", "fatigue": "4", "anxiety": "2"} | changes


FORMS = {
    "meal": (
        "/meals/add/", [MealEntry],
        lambda d: {"date": d["today"], "meal": "lunch", "food": d["seeds"].pk, "portion": d["cup"].pk, "amount": "1"},
    ),
    "supplement product": (
        "/supplements/products/add/", [SupplementProduct],
        lambda d: {"name": "Calm", "brand": "Acme", "form": "glycinate", "unit_name": "capsule",
                   "label_elemental_mg": "", "label_compound_mg": "500"},
    ),
    "supplement dose": (
        "/supplements/doses/add/", [SupplementDose],
        lambda d: {"product": d["product"].pk, "units": "2", "taken_at": f"{d['today']}T00:30"},
    ),
    "symptom note": (
        "/symptoms/add/", [SymptomNote],
        lambda d: {"recorded_at": f"{d['today']}T00:30", **scores(), "heart_rate_lying": "62",
                   "heart_rate_standing": "101", "text": "Dizzy after lunch"},
    ),
    "stand test": (
        "/stand/add/", [StandTest, StandReading],
        lambda d: {"started_at": f"{d['today']}T07:30", "tag": "baseline", "symptoms": "dizzy", "stopped_early": "",
                   "text": "", "supine_1_heart_rate": "70", "supine_1_systolic": "120", "supine_1_diastolic": "80",
                   "supine_2_heart_rate": "75", **{f"standing_{minute}_heart_rate": str(90 + minute)
                                                   for minute in range(1, 11)},
                   "standing_1_systolic": "99", "standing_1_diastolic": "70"},
    ),
    "lab result": (
        "/labs/add/", [LabResult],
        lambda d: {"analyte": "serum_magnesium", "taken_on": str(d["today"]), "value": "0.78", "unit": "mmol/L",
                   "range_low": "0.70", "range_high": "1.00", "lab": "City Lab", "note": "Fasting"},
    ),
    "custom food": (
        "/foods/mine/add/", [Food, Portion],
        lambda d: {"name": "Granola", "basis": "serving", "serving_grams": "40", "magnesium_mg": "60",
                   "potassium_mg": "", "sodium_mg": "5", "calcium_mg": "", "energy_kcal": "180",
                   "portion_description": "1 bar", "portion_grams": "40"},
    ),
    "saved meal": (
        "/day/{yesterday}/breakfast/save/", [SavedMeal, SavedMealItem], lambda d: {"name": "Usual breakfast"},
    ),
}


def counts(models):
    return [model.objects.count() for model in models]


def assert_refusal_is_explained(response):
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors, "the form came back without saying why"
    for messages in form.errors.values():
        assert escape(messages[0]) in response.content.decode(), messages[0]


@pytest.mark.parametrize("name", FORMS)
def test_the_valid_form_each_example_starts_from_is_saved(logged_in_client, diary, name):
    url, models, baseline = FORMS[name]
    response = logged_in_client.post(url.format(yesterday=diary["today"] - timedelta(days=1)), baseline(diary))
    assert response.status_code == 302
    assert all(count > 0 for count in counts(models))


@pytest.mark.parametrize("name", FORMS)
def test_any_input_is_saved_whole_or_refused_with_a_message(logged_in_client, diary, name):
    url, models, baseline = FORMS[name]
    url = url.format(yesterday=diary["today"] - timedelta(days=1))

    @FEW_EXAMPLES
    @given(data=hostile_forms(baseline(diary)))
    def check(data):
        before = counts(models)
        response = logged_in_client.post(url, data)
        if response.status_code == 302:
            assert counts(models)[0] == before[0] + 1
        else:
            assert_refusal_is_explained(response)
            assert counts(models) == before

    check()


def test_any_profile_is_saved_or_refused_with_a_message_and_left_as_it_was(logged_in_client, user):
    baseline = {"birth_date": "1986-05-04", "sex": "female", "life_stage": "", "time_zone": "Europe/Berlin",
                "doctor_goal_mg": "400"}
    Profile.for_user(user)

    @FEW_EXAMPLES
    @given(data=hostile_forms(baseline))
    def check(data):
        before = Profile.objects.filter(user=user).values().first()
        response = logged_in_client.post("/profile/", data)
        if response.status_code != 302:
            assert_refusal_is_explained(response)
            assert Profile.objects.filter(user=user).values().first() == before

    check()


def test_any_sign_up_creates_one_account_or_refuses_with_a_message(db, settings):
    settings.AXES_ENABLED = False  # refusals here are the point, not a reason to lock the test out
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: hashing is not tested
    baseline = {"username": "dana", "email": "dana@example.com", "password1": "salt-and-magnesium-42",
                "password2": "salt-and-magnesium-42"}

    @FEW_EXAMPLES
    @given(data=hostile_forms(baseline))
    def check(data):
        before = get_user_model().objects.count()
        response = Client().post("/accounts/signup/", data)
        if response.status_code == 302:
            assert get_user_model().objects.count() == before + 1
        else:
            assert_refusal_is_explained(response)
            assert get_user_model().objects.count() == before

    check()


@pytest.mark.parametrize("path", ["/foods/search/?q=", "/foods/?q=", "/export/?start=", "/report/?start=",
                                  "/week/?start=", "/insights/?start=", "/meals/add/?food=", "/meals/add/?date="])
def test_any_query_string_gets_a_page_not_an_error(logged_in_client, diary, path):
    @FEW_EXAMPLES
    @given(value=hostile_forms({"value": ""}))
    def check(value):
        response = logged_in_client.get(path, {path.rsplit("?", 1)[1].rstrip("="): value["value"]})
        assert response.status_code in (200, 302, 404)

    check()
