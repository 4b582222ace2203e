from datetime import timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import MealEntry
from tests.builders import make_food

URL = "/meals/add/"


def post(client, food, amount, portion=None, **fields):
    data = {"food": food.pk if food else "", "amount": amount, "portion": portion.pk if portion else "",
            "date": fields.pop("date", None) or "", "meal": "breakfast", **fields}
    return client.post(URL, data)


@pytest.fixture
def cup(pumpkin_seeds):
    return pumpkin_seeds.portions.get(description="1 cup")


def test_half_a_cup_of_pumpkin_seeds_logs_64_5_g_and_381_84_mg(logged_in_client, user, pumpkin_seeds, cup, today):
    response = post(logged_in_client, pumpkin_seeds, "0.5", cup, date=today)

    assert response.status_code == 302
    assert response["Location"] == f"/day/{today.isoformat()}/"
    entry = MealEntry.objects.get(user=user)
    assert entry.grams == Decimal("64.5")
    assert entry.portion_quantity == Decimal("0.5")
    assert entry.magnesium_mg == Decimal("381.84")
    assert entry.potassium_mg == Decimal("521.81")  # 809 × 0.645 = 521.805, rounded half up
    assert entry.energy_kcal == Decimal("360.56")
    assert (entry.food_name, entry.food_source, entry.food_source_id) == (pumpkin_seeds.name, "sr28", "12014")
    assert entry.portion_description == "1 cup"


def test_grams_of_spinach_log_79_mg_per_100_g(logged_in_client, user, spinach, today):
    post(logged_in_client, spinach, "30", date=today, meal="lunch")

    entry = MealEntry.objects.get(user=user)
    assert (entry.grams, entry.magnesium_mg, entry.portion, entry.meal) == (Decimal(30), Decimal("23.7"), None, "lunch")


def test_a_users_own_custom_food_can_be_logged(logged_in_client, user, today):
    food = make_food("Grandma's lentil soup", source="custom", owner=user, magnesium_mg=30)
    post(logged_in_client, food, "250", date=today)
    assert MealEntry.objects.get(user=user).magnesium_mg == Decimal(75)


def test_without_a_food_the_page_offers_a_plain_search_form(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, '<form method="get" action="/foods/search/" role="search"')
    assertContains(response, 'data-food-search="/foods/search/" data-food-target="id_food"')
    assertContains(response, "No food chosen yet")
    assertContains(response, "/static/js/meal-form.js")


def test_a_chosen_food_shows_its_name_and_portions(logged_in_client, pumpkin_seeds, cup):
    response = logged_in_client.get(URL, {"food": pumpkin_seeds.pk, "portion": cup.pk, "date": "2026-01-15",
                                          "meal": "dinner", "amount": "0.5"})
    assertContains(response, "Seeds, pumpkin and squash seed kernels, dried")
    assertContains(response, f'<option value="{cup.pk}" selected>1 cup (129 g)</option>', html=True)
    assertContains(response, "1 oz (28.35 g)")
    assertContains(response, 'value="2026-01-15"')
    assertContains(response, '<option value="dinner" selected>Dinner</option>', html=True)
    assertContains(response, 'value="0.5"')


def test_another_users_custom_food_is_unknown(logged_in_client, user, other_user, today):
    secret = make_food("Bob's protein bar", source="custom", owner=other_user, magnesium_mg=100)

    response = post(logged_in_client, secret, "50", date=today)
    assertContains(response, "Unknown food")
    assertNotContains(response, "protein bar")
    assert not MealEntry.objects.exists()

    response = logged_in_client.get(URL, {"food": secret.pk})
    assertNotContains(response, "protein bar")


@pytest.mark.parametrize("food_id", ["999999", "abc", "-1"])
def test_a_food_id_that_does_not_exist_is_unknown(logged_in_client, today, food_id):
    response = logged_in_client.post(URL, {"food": food_id, "amount": "50", "date": today, "meal": "lunch"})
    assertContains(response, "Unknown food")
    assert not MealEntry.objects.exists()


def test_a_portion_of_another_food_is_refused(logged_in_client, pumpkin_seeds, spinach, today):
    spinach_cup = spinach.portions.get(description="1 cup")
    response = post(logged_in_client, pumpkin_seeds, "1", spinach_cup, date=today)
    assertContains(response, "Choose a portion of this food")
    assert not MealEntry.objects.exists()


@pytest.mark.parametrize(
    ("amount", "portion", "message"),
    [
        ("0", None, "Enter an amount above zero."),
        ("-20", None, "Enter an amount above zero."),
        ("abc", None, "Enter a number."),
        ("NaN", None, "Enter a number."),
        ("5001", None, "more than 5 kg of one food"),
        ("39", "1 cup", "more than 5 kg of one food"),  # 39 × 129 g = 5031 g
        ("101", "1 oz", "more than 100 portions"),
        ("1e9", "1 oz", "Ensure that there are no more than"),
        ("0.001", None, "less than 0.01 g"),
    ],
)
def test_absurd_amounts_are_refused_at_the_amount(logged_in_client, pumpkin_seeds, today, amount, portion, message):
    portion = pumpkin_seeds.portions.get(description=portion) if portion else None
    response = post(logged_in_client, pumpkin_seeds, amount, portion, date=today)
    assert response.status_code == 200
    assert message in response.context["form"].errors["amount"][0]
    assert not MealEntry.objects.exists()


def test_5_kg_is_the_most_one_entry_holds(logged_in_client, pumpkin_seeds, today):
    post(logged_in_client, pumpkin_seeds, "5000", date=today)
    assert MealEntry.objects.get().grams == Decimal(5000)


@pytest.mark.parametrize("date_text", ["1899-12-31", "+2"])
def test_dates_before_1900_or_more_than_a_day_ahead_are_refused(logged_in_client, spinach, today, date_text):
    day = (today + timedelta(days=2)).isoformat() if date_text == "+2" else date_text
    response = post(logged_in_client, spinach, "30", date=day)
    assert response.context["form"].errors["date"]
    assert not MealEntry.objects.exists()


def test_tomorrow_is_accepted(logged_in_client, spinach, today):
    post(logged_in_client, spinach, "30", date=(today + timedelta(days=1)).isoformat())
    assert MealEntry.objects.get().date == today + timedelta(days=1)


def test_5_kg_of_table_salt_logs_and_the_day_still_opens(logged_in_client, user, today):
    # SR28 02047 salt, table: 38,758 mg sodium per 100 g -> 1,937,900 mg in 5 kg.
    salt = make_food("Salt, table", portions=[("1 tsp", 6)], source_id="02047", sodium_mg=38758, magnesium_mg=1,
                     calcium_mg=24)
    post(logged_in_client, salt, "5000", date=today)
    assert MealEntry.objects.get(user=user).sodium_mg == Decimal("1937900")
    assertContains(logged_in_client.get(f"/day/{today.isoformat()}/"), "1,937,900 mg")
