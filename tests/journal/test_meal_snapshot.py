from decimal import Decimal

from pytest_django.asserts import assertContains

from journal.ledger import day_of
from journal.models import Profile
from tests.builders import make_food


def test_a_logged_entry_keeps_its_nutrients_when_the_food_changes(logged_in_client, log_food, pumpkin_seeds, today):
    entry = log_food(pumpkin_seeds, "0.5", "1 cup")
    pumpkin_seeds.magnesium_mg = Decimal(100)
    pumpkin_seeds.name = "Pumpkin seeds (renamed)"
    pumpkin_seeds.save()

    entry.refresh_from_db()
    assert entry.magnesium_mg == Decimal("381.84")
    assert day_of(Profile.for_user(entry.user), today).food_magnesium.total == 382
    response = logged_in_client.get("/today/")
    assertContains(response, "<strong>382 mg</strong>", html=True)
    assertContains(response, "Seeds, pumpkin and squash seed kernels, dried")


def test_an_entry_outlives_its_deleted_food(logged_in_client, log_food, today):
    food = make_food("Seeds, sunflower seed kernels, dried", portions=[("1 cup", 46)], magnesium_mg=325)
    log_food(food, 1, "1 cup")  # 46 g × 3.25 = 149.5 mg
    food.delete()

    response = logged_in_client.get("/today/")
    assertContains(response, "Seeds, sunflower seed kernels, dried")
    assertContains(response, "150 mg")  # 149.5 rounds half up
