from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import MealEntry, SavedMeal


@pytest.fixture
def usual_breakfast(user, log_food, pumpkin_seeds, spinach, yesterday):
    entries = [log_food(pumpkin_seeds, "0.5", "1 cup", day=yesterday), log_food(spinach, 30, day=yesterday)]
    return SavedMeal.create_from(user, "usual breakfast", entries)


def test_a_days_meal_is_saved_under_a_name(logged_in_client, user, log_food, pumpkin_seeds, spinach, yesterday):
    log_food(pumpkin_seeds, "0.5", "1 cup", day=yesterday)
    log_food(spinach, 30, day=yesterday)
    log_food(spinach, 100, day=yesterday, meal="dinner")

    response = logged_in_client.post(f"/day/{yesterday.isoformat()}/breakfast/save/", {"name": "usual breakfast"})

    assert response["Location"] == "/saved-meals/"
    saved = SavedMeal.objects.get(user=user)
    assert saved.name == "usual breakfast"
    assert [(item.food, item.grams) for item in saved.items.all()] == [
        (pumpkin_seeds, Decimal("64.5")), (spinach, Decimal(30)),
    ]


def test_saved_meal_names_are_unique_per_user(logged_in_client, usual_breakfast, other_user, log_food, spinach, today):
    SavedMeal.objects.create(user=other_user, name="lunch box")
    log_food(spinach, 30)

    response = logged_in_client.post(f"/day/{today.isoformat()}/breakfast/save/", {"name": "Usual Breakfast"})
    assertContains(response, "You already have a saved meal called")
    assert SavedMeal.objects.filter(user=usual_breakfast.user).count() == 1

    logged_in_client.post(f"/day/{today.isoformat()}/breakfast/save/", {"name": "lunch box"})
    assert SavedMeal.objects.filter(name="lunch box").count() == 2


def test_the_list_shows_each_saved_meal_with_its_foods(logged_in_client, usual_breakfast, other_user):
    SavedMeal.objects.create(user=other_user, name="Bob's brunch")
    response = logged_in_client.get("/saved-meals/")
    assertContains(response, "usual breakfast")
    assertContains(response, "Seeds, pumpkin and squash seed kernels, dried, 0.5 × 1 cup (64.5 g)")
    assertNotContains(response, "Bob")


def test_logging_a_saved_meal_writes_every_food_to_the_day_and_meal(logged_in_client, usual_breakfast, today):
    response = logged_in_client.post(f"/saved-meals/{usual_breakfast.pk}/log/", {"date": today, "meal": "lunch"})

    assert response["Location"] == f"/day/{today.isoformat()}/"
    logged = MealEntry.objects.filter(date=today).order_by("pk")
    assert [(entry.meal, entry.magnesium_mg) for entry in logged] == [
        ("lunch", Decimal("381.84")), ("lunch", Decimal("23.7")),
    ]
    assert logged[0].portion_description == "1 cup"


def test_a_saved_portion_weighs_what_the_portion_weighs_now(logged_in_client, usual_breakfast, pumpkin_seeds, today):
    cup = pumpkin_seeds.portions.get(description="1 cup")
    cup.grams = Decimal("140")  # the portion was corrected since the meal was saved
    cup.save()
    logged_in_client.post(f"/saved-meals/{usual_breakfast.pk}/log/", {"date": today, "meal": "lunch"})
    seeds = MealEntry.objects.filter(date=today, portion=cup).get()
    assert (seeds.grams, seeds.magnesium_mg) == (Decimal("70.00"), Decimal("414.40"))  # 0.5 × 140 g at 592 mg/100 g


def test_logging_a_saved_meal_to_a_bad_date_writes_nothing(logged_in_client, usual_breakfast):
    response = logged_in_client.post(f"/saved-meals/{usual_breakfast.pk}/log/", {"date": "1850-01-01", "meal": "lunch"})
    assertContains(response, "Choose a date from 1900 on.")
    assert MealEntry.objects.filter(date="1850-01-01").count() == 0


def test_deleting_a_saved_meal_asks_then_deletes(logged_in_client, usual_breakfast):
    assertContains(logged_in_client.get(f"/saved-meals/{usual_breakfast.pk}/delete/"), "usual breakfast")
    logged_in_client.post(f"/saved-meals/{usual_breakfast.pk}/delete/")
    assert not SavedMeal.objects.exists()
    assert MealEntry.objects.count() == 2  # the entries it was made from stay


def test_an_empty_meal_cannot_be_saved(logged_in_client, today):
    response = logged_in_client.post(f"/day/{today.isoformat()}/dinner/save/", {"name": "nothing"})
    assertContains(response, "Nothing is logged there.")
    assert "nothing to save" in response.context["form"].non_field_errors()[0]
    assert not SavedMeal.objects.exists()


def test_a_meal_whose_foods_were_all_deleted_cannot_be_saved(logged_in_client, log_food, spinach, today):
    log_food(spinach, 30, meal="dinner")
    spinach.delete()
    response = logged_in_client.post(f"/day/{today.isoformat()}/dinner/save/", {"name": "ghost dinner"})
    assertContains(response, "None of these foods is in the food list any more, so there is nothing to save")
    assert not SavedMeal.objects.exists()


def test_a_saved_meal_whose_foods_were_all_deleted_logs_nothing(logged_in_client, usual_breakfast, today,
                                                                pumpkin_seeds, spinach):
    pumpkin_seeds.delete()
    spinach.delete()
    response = logged_in_client.post(f"/saved-meals/{usual_breakfast.pk}/log/", {"date": today, "meal": "lunch"})
    assertContains(response, "This saved meal has no foods left")
    assert not MealEntry.objects.filter(date=today).exists()
