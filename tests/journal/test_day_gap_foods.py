"""'Foods that would close today's gap' on the day page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile
from tests.builders import make_food


def test_it_offers_magnesium_rich_foods_in_a_household_amount_that_closes_the_gap(
    logged_in_client, woman_of_40, pumpkin_seeds, spinach
):
    # 320 mg to go: 54.05 g of pumpkin seeds (592 mg/100 g), rounded up to 2 × 1 oz = 56.7 g = 335.66 mg.
    response = logged_in_client.get("/today/")

    assertContains(response, "320 mg to go")
    assertContains(response, "2 × 1 oz (56.7 g), 336 mg")
    ounce = pumpkin_seeds.portions.get(description="1 oz")
    assertContains(response, f"/meals/add/?food={pumpkin_seeds.pk}&amp;portion={ounce.pk}&amp;amount=2&amp;")
    # Spinach would need 405 g: the suggestion stops at 200 g (158 mg) rather than ask for 14 cups.
    assertContains(response, "200 g, 158 mg")
    text = response.content.decode()
    assert text.index("Seeds, pumpkin") < text.index("Spinach, raw")


def test_it_offers_only_basic_shared_foods(logged_in_client, user, other_user, spinach):
    make_food("Babyfood, cereal, oatmeal, dry", category="Baby Foods", magnesium_mg=200)
    make_food("Cereals ready-to-eat, KELLOGG'S ALL-BRAN", category="Breakfast Cereals", magnesium_mg=400)
    make_food("Restaurant, Chinese, vegetable chow mein", magnesium_mg=300)
    make_food("Fast foods, burrito with beans", category="Fast Foods", magnesium_mg=300)
    make_food("Alice's seed mix", source="custom", owner=user, magnesium_mg=500)
    make_food("Bob's seed mix", source="custom", owner=other_user, magnesium_mg=500)

    response = logged_in_client.get("/today/")

    assertContains(response, "Spinach, raw")
    for name in ("Babyfood", "KELLOGG", "Restaurant, Chinese", "Fast foods", "seed mix"):
        assertNotContains(response, name)


def test_one_food_of_each_kind_is_offered(logged_in_client, pumpkin_seeds):
    make_food("Seeds, pumpkin and squash seed kernels, roasted, without salt", magnesium_mg=550)
    response = logged_in_client.get("/today/")
    assertContains(response, "Seeds, pumpkin", count=1)


def test_when_the_goal_is_reached_it_says_so_instead(logged_in_client, woman_of_40, log_food, pumpkin_seeds):
    log_food(pumpkin_seeds, 1, "1 cup")  # 763.68 mg, RDA 320 mg
    response = logged_in_client.get("/today/")
    assertContains(response, "You have reached today's goal.")
    assertNotContains(response, "to go.")


def test_past_days_offer_no_suggestions(logged_in_client, pumpkin_seeds, yesterday):
    response = logged_in_client.get(f"/day/{yesterday.isoformat()}/")
    assertNotContains(response, "would close today")


def test_a_small_gap_is_closed_in_grams_not_a_portion_that_overshoots(logged_in_client, woman_of_40,
                                                                       log_food, pumpkin_seeds):
    # 315 mg eaten of 320: 5 mg to go. Hemp seeds (SR28 12012, 700 mg/100 g) give it in 0.71 g: 1 g, 7 mg,
    # not half a 3-tablespoon serving (15 g, 105 mg).
    make_food("Seeds, hemp seed, hulled", portions=[("3 tbsp", 30)], source_id="12012", magnesium_mg=700)
    log_food(make_food("Test food, 315 mg", magnesium_mg=315), 100)
    response = logged_in_client.get("/today/")
    assertContains(response, "5 mg to go")
    assertContains(response, "1 g, 7 mg")
    assertNotContains(response, "× 3 tbsp")


def test_the_suggestions_take_one_food_of_each_category_first(logged_in_client, woman_of_40):
    seeds = "Nut and Seed Products"
    make_food("Seeds, hemp seed, hulled", category=seeds, magnesium_mg=700)
    make_food("Seeds, pumpkin and squash seed kernels, dried", category=seeds, magnesium_mg=592)
    make_food("Seeds, flaxseed", category=seeds, magnesium_mg=392)
    make_food("Seeds, chia seeds, dried", category=seeds, magnesium_mg=335)
    make_food("Spinach, raw", category="Vegetables and Vegetable Products", magnesium_mg=79)
    make_food("Beans, black, mature seeds, cooked", category="Legumes and Legume Products", magnesium_mg=70)
    names = [suggestion.food.name for suggestion in logged_in_client.get("/today/").context["suggestions"]]
    assert names == [
        "Seeds, hemp seed, hulled", "Spinach, raw", "Beans, black, mature seeds, cooked",
        "Seeds, pumpkin and squash seed kernels, dried",
    ]


def test_basic_foods_named_with_capitals_such_as_fndds_nfs_are_offered(logged_in_client, woman_of_40):
    # "NFS" (not further specified) is FNDDS wording, not a brand: Food.kind calls it a basic food.
    make_food("Pumpkin seeds, NFS", portions=[("1 oz", 28.35)], source="fndds", source_id="43101050",
              category="Nuts and seeds", magnesium_mg=550)
    response = logged_in_client.get("/today/")
    # 320 mg to go: 320 x 100 / 550 = 58.18 g, 2.05 oz, up to 2.5 x 1 oz = 70.875 g, stored 70.88 g;
    # 550 x 70.88 / 100 = 389.84 mg.
    [suggestion] = response.context["suggestions"]
    assert (suggestion.food.name, suggestion.amount_text) == ("Pumpkin seeds, NFS", "2.5 × 1 oz (70.88 g)")
    assert suggestion.magnesium_mg == Decimal("389.84")
    assertContains(response, "Pumpkin seeds, NFS")


@pytest.mark.parametrize("name, category", [
    ("Spices, basil, dried", "Spices and Herbs"),
    ("Rice bran, crude", "Cereal Grains and Pasta"),
    ("Wheat bran", "Not included in a food category"),
    ("Cocoa, dry powder, unsweetened", "Sweets"),
    ("Soy flour, full-fat, raw", "Legumes and Legume Products"),
    ("Seaweed, agar, dried", "Vegetables and Vegetable Products"),
    ("Beans, black, mature seeds, raw", "Legumes and Legume Products"),
    ("Coffee, instant, not reconstituted", "Not included in a food category"),
])
def test_basic_foods_not_eaten_as_a_serving_on_their_own_are_not_offered(logged_in_client, spinach, name,
                                                                         category):
    make_food(name, category=category, magnesium_mg=700)
    names = [suggestion.food.name for suggestion in logged_in_client.get("/today/").context["suggestions"]]
    assert names == ["Spinach, raw"]


def child_aged(user, days):
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = profile.today() - timedelta(days=days), Profile.Sex.MALE
    profile.save()


def test_a_child_of_two_is_offered_no_nuts_or_seeds(logged_in_client, user, pumpkin_seeds, spinach):
    child_aged(user, 2 * 365 + 100)
    make_food("Pumpkin seeds, NFS", source="fndds", category="Nuts and seeds", magnesium_mg=550)
    make_food("Peanuts, all types, dry-roasted, without salt", category="Legumes and Legume Products",
              magnesium_mg=176)
    make_food("Chia seeds, dry, raw", source="foundation", category="Cereal Grains and Pasta", magnesium_mg=326)
    response = logged_in_client.get("/today/")
    # Children 1-3 years: RDA 80 mg. Spinach, 79 mg/100 g: 101.27 g, 3.38 cups of 30 g, up to 3.5 cups = 105 g,
    # 79 x 105 / 100 = 82.95 mg.
    assertContains(response, "80 mg to go")
    [suggestion] = response.context["suggestions"]
    assert (suggestion.food.name, suggestion.amount_text) == ("Spinach, raw", "3.5 × 1 cup (105 g)")
    assert suggestion.magnesium_mg == Decimal("82.95")
    for name in ("Seeds, pumpkin", "Pumpkin seeds", "Peanuts", "Chia seeds"):
        assertNotContains(response, name)


def test_a_child_of_four_is_offered_seeds_again(logged_in_client, user, pumpkin_seeds):
    child_aged(user, 4 * 365 + 30)
    names = [suggestion.food.name for suggestion in logged_in_client.get("/today/").context["suggestions"]]
    assert names == ["Seeds, pumpkin and squash seed kernels, dried"]


def test_a_baby_of_six_months_is_offered_no_foods_and_the_page_says_why(logged_in_client, user, pumpkin_seeds,
                                                                         spinach):
    child_aged(user, 190)
    response = logged_in_client.get("/today/")
    assert list(response.context["suggestions"]) == []
    assertContains(response, "No foods are suggested for a baby under 12 months: their magnesium comes from breast "
                             "milk or formula.")
    assertNotContains(response, "Spinach, raw")
