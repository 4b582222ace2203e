"""Every view that takes an id answers 404 for another user's entry or saved meal, and changes nothing."""

import pytest

from journal.models import MealEntry, SavedMeal

ENTRY_VIEWS = [
    ("get", "/meals/{pk}/edit/"),
    ("post", "/meals/{pk}/edit/"),
    ("get", "/meals/{pk}/delete/"),
    ("post", "/meals/{pk}/delete/"),
    ("post", "/meals/{pk}/again/"),
]
SAVED_MEAL_VIEWS = [
    ("get", "/saved-meals/{pk}/log/"),
    ("post", "/saved-meals/{pk}/log/"),
    ("get", "/saved-meals/{pk}/delete/"),
    ("post", "/saved-meals/{pk}/delete/"),
]


@pytest.fixture
def bobs_entry(other_user, log_food, spinach):
    return log_food(spinach, 30, owner=other_user)


@pytest.fixture
def bobs_saved_meal(other_user, bobs_entry):
    return SavedMeal.create_from(other_user, "Bob's breakfast", [bobs_entry])


@pytest.mark.parametrize(("method", "url"), ENTRY_VIEWS)
def test_another_users_entry_is_not_found(logged_in_client, bobs_entry, spinach, today, method, url):
    data = {"food": spinach.pk, "amount": "1", "date": today, "meal": "lunch"}
    response = getattr(logged_in_client, method)(url.format(pk=bobs_entry.pk), data if method == "post" else None)
    assert response.status_code == 404
    assert list(MealEntry.objects.values_list("user", "grams", "meal")) == [(bobs_entry.user_id, 30, "breakfast")]


@pytest.mark.parametrize(("method", "url"), SAVED_MEAL_VIEWS)
def test_another_users_saved_meal_is_not_found(logged_in_client, bobs_saved_meal, today, method, url):
    data = {"date": today, "meal": "lunch"}
    response = getattr(logged_in_client, method)(url.format(pk=bobs_saved_meal.pk), data if method == "post" else None)
    assert response.status_code == 404
    assert SavedMeal.objects.filter(pk=bobs_saved_meal.pk).exists()
    assert MealEntry.objects.count() == 1


def test_saving_a_meal_reads_only_the_users_own_entries(logged_in_client, user, bobs_entry, today):
    response = logged_in_client.post(f"/day/{today.isoformat()}/breakfast/save/", {"name": "stolen"})
    assert "nothing to save" in response.context["form"].non_field_errors()[0]
    assert not SavedMeal.objects.filter(user=user).exists()


def test_copying_a_day_copies_only_the_users_own_entries(logged_in_client, user, bobs_entry, today, yesterday):
    logged_in_client.post(f"/day/{today.isoformat()}/copy/", {"date": yesterday})
    assert not MealEntry.objects.filter(user=user).exists()
