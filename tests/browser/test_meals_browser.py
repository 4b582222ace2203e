import pytest
from django.contrib.auth import get_user_model

from foods.models import Food, Portion
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_logging_half_a_cup_of_pumpkin_seeds_shows_381_84_mg_on_the_day(page):
    get_user_model().objects.create_user("dana", password=PASSWORD)
    seeds = Food.objects.create(
        name="Seeds, pumpkin and squash seed kernels, dried", source="sr28", source_id="12014",
        magnesium_mg=592, potassium_mg=809, sodium_mg=7, calcium_mg=46, energy_kcal=559,
    )
    Portion.objects.create(food=seeds, description="1 cup", grams=129, position=0)
    Portion.objects.create(food=seeds, description="1 oz", grams="28.35", position=1)

    page.goto("/accounts/login/")
    page.locator("#id_username").fill("dana")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")

    page.goto(f"/meals/add/?food={seeds.pk}")
    page.get_by_label("Unit").select_option(label="1 cup (129 g)")
    page.get_by_label("Amount").fill("0.5")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/day/*/")
    assert "381.84 mg" in page.locator("main").inner_text()
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "91"  # of the 420 mg Daily Value


def test_choosing_a_food_in_the_type_ahead_fills_the_unit_select(page):
    get_user_model().objects.create_user("erin", password=PASSWORD)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("erin")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")
    page.goto("/meals/add/")

    # What food-search.js does when a food is picked: set the hidden id, then announce the food.
    page.evaluate("""() => {
        document.getElementById("id_food").value = "7";
        document.querySelector("[data-food-search]").dispatchEvent(new CustomEvent("food-chosen", {detail: {
            id: 7, name: "Spinach, raw", portions: [{id: 31, description: "1 cup", grams: "30.00"}],
        }}));
    }""")

    assert page.locator("#chosen-food").inner_text() == "Spinach, raw"
    options = page.locator("#id_portion option")
    assert options.all_inner_texts() == ["grams", "1 cup (30 g)"]
    assert page.locator("#id_portion").input_value() == "31"
