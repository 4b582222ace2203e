"""Recent and frequent foods, one tap away on the add page."""

from datetime import timedelta
from decimal import Decimal

from pytest_django.asserts import assertContains

from journal.models import MealEntry
from tests.builders import make_food


def quick_picks(response, heading):
    return [(entry.food_name, entry.amount_text) for entry in response.context[heading]]


def test_recent_foods_come_last_logged_first_in_their_usual_amount(
    logged_in_client, log_food, pumpkin_seeds, spinach, today
):
    log_food(pumpkin_seeds, 1, "1 oz", day=today - timedelta(days=3))
    log_food(pumpkin_seeds, 1, "1 oz", day=today - timedelta(days=2))
    log_food(pumpkin_seeds, "0.5", "1 cup", day=today - timedelta(days=2))
    log_food(spinach, 30, day=today - timedelta(days=1))

    response = logged_in_client.get("/meals/add/")

    assert quick_picks(response, "recent") == [("Spinach, raw", "30 g"), (pumpkin_seeds.name, "1 × 1 oz (28.35 g)")]
    assert quick_picks(response, "frequent") == [(pumpkin_seeds.name, "1 × 1 oz (28.35 g)")]
    assertContains(response, "168 mg")  # 1 oz of pumpkin seeds: 592 mg/100 g x 28.35 g = 167.83 mg


def test_a_food_logged_often_stays_frequent_in_its_usual_amount_after_many_foods_since(
    logged_in_client, log_food, pumpkin_seeds, today
):
    for days_ago, grams in ((40, 30), (39, 30), (38, 25)):
        log_food(pumpkin_seeds, grams, day=today - timedelta(days=days_ago))
    newer = [make_food(f"Food {n}", magnesium_mg=n) for n in range(7)]
    for n, food in enumerate(newer):
        log_food(food, 10 + n, day=today - timedelta(days=30 - n))
    log_food(newer[0], 12, day=today - timedelta(days=1))

    response = logged_in_client.get("/meals/add/")

    # Food 0 was logged last, in an amount of its own; the newest entry of its usual amount stands for it (ties of
    # how often go to the amount logged last).
    newest_others = [(f"Food {n}", f"{10 + n} g") for n in (6, 5, 4, 3, 2)]
    assert quick_picks(response, "recent") == [("Food 0", "12 g"), *newest_others]
    assert quick_picks(response, "frequent") == [(pumpkin_seeds.name, "30 g"), ("Food 0", "12 g")]


def test_one_tap_logs_a_recent_food_again(logged_in_client, user, log_food, pumpkin_seeds, today):
    log_food(pumpkin_seeds, "0.5", "1 cup", day=today - timedelta(days=1))
    response = logged_in_client.get("/meals/add/", {"date": today.isoformat(), "meal": "snack"})
    assertContains(response, '<input type="hidden" name="amount" value="0.500">', html=True)

    pick = response.context["recent"][0]
    logged_in_client.post("/meals/add/", {
        "food": pick.food_id, "portion": pick.portion_id, "amount": pick.amount, "date": today, "meal": "snack",
    })
    assert MealEntry.objects.get(date=today).magnesium_mg == Decimal("381.84")


def test_the_add_page_runs_a_fixed_number_of_queries(
    logged_in_client, log_food, today, django_assert_max_num_queries
):
    foods = [make_food(f"Food {n}", portions=[("1 cup", 100)], magnesium_mg=n) for n in range(20)]
    for n in range(200):
        log_food(foods[n % 20], 1 + n % 3, "1 cup" if n % 2 else None, day=today - timedelta(days=n % 80))

    # session, user, profile (view and form), chosen food, its portions, amounts, entries, saved meals
    with django_assert_max_num_queries(9):
        response = logged_in_client.get("/meals/add/", {"food": foods[0].pk})

    assert len(response.context["recent"]) == 6


def test_today_offers_the_add_pages_recent_foods_in_their_usual_amount(
    logged_in_client, log_food, pumpkin_seeds, today
):
    log_food(pumpkin_seeds, 30, day=today - timedelta(days=40))
    log_food(pumpkin_seeds, 30, day=today - timedelta(days=20))
    newer = [make_food(f"Food {n}", magnesium_mg=n) for n in range(7)]
    for n, food in enumerate(newer):
        log_food(food, 10 + n, day=today - timedelta(days=10 - n))
    log_food(pumpkin_seeds, 25, day=today - timedelta(days=1))  # logged last in an amount other than its usual
    log_food(newer[6], 99, day=today - timedelta(days=30))  # logged last of all, for a day long past

    add_page_recent = quick_picks(logged_in_client.get("/meals/add/"), "recent")
    taps = logged_in_client.get("/today/").context["recent_food_taps"]

    # Six of the eight foods, the last logged first, each in its usual amount (ties go to the amount logged last).
    assert [(tap.label, tap.detail) for tap in taps] == add_page_recent == [
        ("Food 6", "99 g"), (pumpkin_seeds.name, "30 g"), ("Food 5", "15 g"), ("Food 4", "14 g"), ("Food 3", "13 g"),
        ("Food 2", "12 g"),
    ]
