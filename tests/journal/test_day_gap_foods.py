"""'Foods that would close today's gap' on the day page."""

from pytest_django.asserts import assertContains, assertNotContains


def test_it_offers_magnesium_rich_foods_in_a_household_amount_that_closes_the_gap(
    logged_in_client, woman_of_40, pumpkin_seeds, spinach
):
    # 320 mg to go: 54.05 g of pumpkin seeds (592 mg/100 g), rounded up to 2 × 1 oz = 56.7 g = 335.66 mg.
    response = logged_in_client.get("/today/")

    assertContains(response, "320 mg to go")
    assertContains(response, "2 × 1 oz (56.7 g), 335.66 mg")
    ounce = pumpkin_seeds.portions.get(description="1 oz")
    assertContains(response, f"/meals/add/?food={pumpkin_seeds.pk}&amp;portion={ounce.pk}&amp;amount=2&amp;")
    # Spinach would need 405 g: the suggestion stops at 200 g (158 mg) rather than ask for 14 cups.
    assertContains(response, "200 g, 158 mg")
    text = response.content.decode()
    assert text.index("Seeds, pumpkin") < text.index("Spinach, raw")


def test_it_offers_only_basic_shared_foods(logged_in_client, user, other_user, make_food, spinach):
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


def test_one_food_of_each_kind_is_offered(logged_in_client, pumpkin_seeds, make_food):
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
