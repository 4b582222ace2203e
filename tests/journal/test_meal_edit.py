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
