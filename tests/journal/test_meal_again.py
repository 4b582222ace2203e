from decimal import Decimal

from journal.models import MealEntry


def test_log_again_copies_the_entry_to_today_in_the_same_amount(
    logged_in_client, log_food, pumpkin_seeds, today, yesterday
):
    entry = log_food(pumpkin_seeds, "0.5", "1 cup", day=yesterday, meal="snack")

    response = logged_in_client.post(f"/meals/{entry.pk}/again/")

    assert response["Location"] == f"/day/{today.isoformat()}/"
    again = MealEntry.objects.get(date=today)
    assert (again.meal, again.grams, again.portion_quantity, again.magnesium_mg) == (
        "snack", Decimal("64.5"), Decimal("0.5"), Decimal("381.84"),
    )
    assert MealEntry.objects.filter(date=yesterday).count() == 1


def test_log_again_only_by_post(logged_in_client, log_food, spinach):
    entry = log_food(spinach, 30)
    assert logged_in_client.get(f"/meals/{entry.pk}/again/").status_code == 405
    assert MealEntry.objects.count() == 1
