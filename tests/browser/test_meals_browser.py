import pytest
from django.contrib.auth import get_user_model

from tests.builders import make_food
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_logging_half_a_cup_of_pumpkin_seeds_shows_382_mg_on_the_day(page, pumpkin_seeds):
    get_user_model().objects.create_user("dana", password=PASSWORD)

    page.goto("/accounts/login/")
    page.locator("#id_username").fill("dana")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")

    page.goto(f"/meals/add/?food={pumpkin_seeds.pk}")
    page.get_by_label("Unit").select_option(label="1 cup (129 g)")
    page.get_by_label("Amount").fill("0.5")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/day/*/")
    assert "382 mg" in page.locator("main").inner_text()  # 592 mg/100 g x 64.5 g = 381.84 mg
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "91"  # of the 420 mg Daily Value


def test_a_food_found_by_typing_with_a_typo_is_logged_in_its_own_portion(page, spinach):
    get_user_model().objects.create_user("erin", password=PASSWORD)
    make_food("Spinach souffle", source_id="11855", magnesium_mg=38)

    page.goto("/accounts/login/?next=/meals/add/")
    page.locator("#id_username").fill("erin")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/meals/add/")

    page.locator("[data-food-search]").press_sequentially("spinnach raw")
    page.get_by_role("option", name="Spinach, raw").click()
    assert page.locator("#chosen-food").inner_text() == "Spinach, raw"
    assert page.locator("#id_portion option").all_inner_texts() == ["grams", "1 cup (30 g)", "1 bunch (340 g)"]

    page.get_by_label("Unit").select_option(label="1 cup (30 g)")
    page.get_by_label("Amount").fill("2")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/day/*/")
    assert "47 mg" in page.locator("main").inner_text()  # 2 cups = 60 g at 79 mg/100 g = 47.40 mg
