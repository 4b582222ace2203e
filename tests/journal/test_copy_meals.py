from datetime import timedelta
from decimal import Decimal

from pytest_django.asserts import assertContains

from journal.models import MealEntry


def test_copying_a_meal_copies_its_snapshots_to_the_other_day(
    logged_in_client, log_food, pumpkin_seeds, spinach, today, yesterday
):
    log_food(pumpkin_seeds, "0.5", "1 cup", day=yesterday, meal="breakfast")
    log_food(spinach, 30, day=yesterday, meal="breakfast")
    log_food(spinach, 100, day=yesterday, meal="dinner")
    pumpkin_seeds.magnesium_mg = Decimal(1)  # the copy keeps the figures as logged
    pumpkin_seeds.save()

    response = logged_in_client.post(f"/day/{yesterday.isoformat()}/breakfast/copy/", {"date": today})

    assert response["Location"] == f"/day/{today.isoformat()}/"
    copied = MealEntry.objects.filter(date=today)
    assert sorted((entry.meal, entry.magnesium_mg) for entry in copied) == [
        ("breakfast", Decimal("23.7")), ("breakfast", Decimal("381.84")),
    ]


def test_copying_a_whole_day_copies_every_meal(logged_in_client, log_food, spinach, today, yesterday):
    log_food(spinach, 30, day=yesterday, meal="breakfast")
    log_food(spinach, 100, day=yesterday, meal="dinner")

    logged_in_client.post(f"/day/{yesterday.isoformat()}/copy/", {"date": today})

    assert sorted(MealEntry.objects.filter(date=today).values_list("meal", flat=True)) == ["breakfast", "dinner"]


def test_the_copy_page_lists_what_it_will_copy(logged_in_client, log_food, spinach, yesterday):
    log_food(spinach, 30, day=yesterday, meal="lunch")
    response = logged_in_client.get(f"/day/{yesterday.isoformat()}/lunch/copy/")
    assertContains(response, "Spinach, raw")
    assertContains(response, "Copy lunch of")


def test_copying_to_a_date_far_ahead_is_refused(logged_in_client, log_food, spinach, today, yesterday):
    log_food(spinach, 30, day=yesterday)
    response = logged_in_client.post(f"/day/{yesterday.isoformat()}/copy/", {"date": today + timedelta(days=3)})
    assertContains(response, "more than a day ahead")
    assert MealEntry.objects.count() == 1


def test_an_unknown_meal_is_not_found(logged_in_client, today):
    assert logged_in_client.get(f"/day/{today.isoformat()}/elevenses/copy/").status_code == 404


def test_copying_an_empty_day_is_refused_with_a_message(logged_in_client, today, yesterday):
    response = logged_in_client.post(f"/day/{yesterday.isoformat()}/copy/", {"date": today})
    assert response.status_code == 200
    assertContains(response, "Nothing is logged there.")
    assert response.context["form"].non_field_errors() == ["Nothing is logged here, so there is nothing to copy."]
    assert not MealEntry.objects.exists()


def test_copying_onto_the_same_day_is_refused(logged_in_client, log_food, spinach, yesterday):
    log_food(spinach, 30, day=yesterday)
    response = logged_in_client.post(f"/day/{yesterday.isoformat()}/copy/", {"date": yesterday})
    assertContains(response, "These foods are already logged on this day: choose another day.")
    assert MealEntry.objects.count() == 1
