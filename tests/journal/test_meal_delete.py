from pytest_django.asserts import assertContains

from journal.models import MealEntry


def test_delete_asks_first(logged_in_client, log_food, spinach):
    entry = log_food(spinach, 30)
    response = logged_in_client.get(f"/meals/{entry.pk}/delete/")
    assertContains(response, "Delete Spinach, raw, 30 g?")
    assert MealEntry.objects.filter(pk=entry.pk).exists()


def test_delete_by_post_removes_the_entry(logged_in_client, log_food, spinach, today):
    entry = log_food(spinach, 30)
    response = logged_in_client.post(f"/meals/{entry.pk}/delete/")
    assert response["Location"] == f"/day/{today.isoformat()}/"
    assert not MealEntry.objects.exists()
