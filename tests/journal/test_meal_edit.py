from decimal import Decimal

from pytest_django.asserts import assertContains

from journal.models import MealEntry


def test_the_edit_page_shows_the_logged_amount(logged_in_client, log_food, pumpkin_seeds):
    entry = log_food(pumpkin_seeds, "0.5", "1 cup")
    response = logged_in_client.get(f"/meals/{entry.pk}/edit/")
    assertContains(response, "Seeds, pumpkin and squash seed kernels, dried")
    assertContains(response, 'value="0.5"')
    assertContains(response, f'<option value="{entry.portion_id}" selected>1 cup (129 g)</option>', html=True)


def test_changing_the_amount_recomputes_the_nutrients(logged_in_client, log_food, pumpkin_seeds, today):
    entry = log_food(pumpkin_seeds, "0.5", "1 cup")
    ounce = pumpkin_seeds.portions.get(description="1 oz")

    response = logged_in_client.post(f"/meals/{entry.pk}/edit/", {
        "food": pumpkin_seeds.pk, "portion": ounce.pk, "amount": "1", "date": today, "meal": "snack",
    })

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.grams, entry.portion_description, entry.meal) == (Decimal("28.35"), "1 oz", "snack")
    assert entry.magnesium_mg == Decimal("167.83")  # 592 × 0.2835 = 167.832
    assert MealEntry.objects.count() == 1


def test_an_edit_with_a_bad_amount_changes_nothing(logged_in_client, log_food, spinach, today):
    entry = log_food(spinach, 30)
    response = logged_in_client.post(f"/meals/{entry.pk}/edit/", {
        "food": spinach.pk, "portion": "", "amount": "-5", "date": today, "meal": "lunch",
    })
    assertContains(response, "Enter an amount above zero.")
    entry.refresh_from_db()
    assert (entry.grams, entry.meal) == (Decimal(30), "breakfast")


def test_moving_an_entry_to_another_meal_keeps_the_figures_it_was_logged_with(
    logged_in_client, log_food, pumpkin_seeds, today
):
    entry = log_food(pumpkin_seeds, "0.5", "1 cup")  # 64.5 g × 592 mg/100 g = 381.84 mg
    pumpkin_seeds.magnesium_mg = Decimal(100)  # the food database changes after the entry was logged
    pumpkin_seeds.save()

    response = logged_in_client.post(f"/meals/{entry.pk}/edit/", {
        "food": pumpkin_seeds.pk, "portion": entry.portion_id, "amount": "0.5", "date": today, "meal": "snack",
    })

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.meal, entry.magnesium_mg, entry.grams) == ("snack", Decimal("381.84"), Decimal("64.5"))


def test_changing_the_amount_reads_the_food_as_it_stands_now(logged_in_client, log_food, pumpkin_seeds, today):
    entry = log_food(pumpkin_seeds, "0.5", "1 cup")
    pumpkin_seeds.magnesium_mg = Decimal(100)
    pumpkin_seeds.save()

    logged_in_client.post(f"/meals/{entry.pk}/edit/", {
        "food": pumpkin_seeds.pk, "portion": entry.portion_id, "amount": "1", "date": today, "meal": "breakfast",
    })

    entry.refresh_from_db()
    assert (entry.grams, entry.magnesium_mg) == (Decimal("129"), Decimal("129"))  # 129 g at 100 mg/100 g


def test_an_entry_whose_food_was_deleted_can_still_move_to_another_day_and_meal(
    logged_in_client, log_food, spinach, today, yesterday
):
    entry = log_food(spinach, 30)  # 30 g × 79 mg/100 g = 23.7 mg
    spinach.delete()

    page = logged_in_client.get(f"/meals/{entry.pk}/edit/")
    assertContains(page, "This food is no longer in the food list")
    response = logged_in_client.post(f"/meals/{entry.pk}/edit/", {"date": yesterday, "meal": "dinner"})

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.date, entry.meal, entry.food_name, entry.magnesium_mg) == (
        yesterday, "dinner", "Spinach, raw", Decimal("23.7")
    )
