"""A person copies a muesli bar's label that gives no magnesium, on a phone, and logs the bar beside pumpkin seeds."""

import pytest
from django.contrib.auth import get_user_model

from tests.builders import log_food, make_food
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_bar_whose_label_gives_no_magnesium_is_saved_blank_and_logged_as_a_lower_bound(page, pumpkin_seeds):
    user = get_user_model().objects.create_user("fran", password=PASSWORD)
    make_food("Snacks, granola bars, hard, plain", source_id="19020", category="Snacks", magnesium_mg=98)
    log_food(user, pumpkin_seeds, 1, portion="1 cup")  # 129 g x 592 mg/100 g = 763.68 mg

    page.goto("/accounts/login/?next=/foods/mine/add/")
    page.locator("#id_username").fill("fran")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/foods/mine/add/")

    assert "Leave a figure blank when the label does not give it" in page.locator("main").inner_text()
    page.get_by_label("Name").fill("Muesli bar, apricot")
    page.get_by_label("per serving").check()
    page.get_by_label("Serving size (g)").fill("40")
    page.get_by_label("Sodium (mg)").fill("60")  # the label must give sodium, potassium and calcium; not magnesium
    page.get_by_label("Potassium (mg)").fill("150")
    page.get_by_label("Calcium (mg)").fill("30")
    page.get_by_label("Energy (kcal)").fill("180")
    page.get_by_label("Household measure").fill("1 bar")
    page.get_by_label("Its weight (g)").fill("40")

    # Similar USDA foods are offered; what was typed stays, and nothing is saved yet.
    page.get_by_role("button", name="Find similar USDA foods").click()
    offered = page.get_by_label("USDA SR28 NDB 19020 Snacks, granola bars, hard, plain: 98 mg magnesium per 100 g")
    assert offered.is_visible()
    assert page.get_by_label("Sodium (mg)").input_value() == "60"
    assert page.get_by_label("No estimate: figures left blank stay unknown").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off a phone's screen

    page.get_by_role("button", name="Save food").click()
    page.wait_for_url("**/foods/*/")
    assert page.get_by_role("row", name="Magnesium no data", exact=True).is_visible()  # per 100 g

    page.get_by_role("row", name="1 bar").get_by_role("link", name="Log it").click()
    page.wait_for_url("**/meals/add/**")
    page.get_by_label("Amount").fill("1")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/day/*/")
    main = page.locator("main").inner_text()
    assert "at least 764 mg" in main
    assert "1 of 2 foods report magnesium" in main
    assert "No magnesium or water figure: Muesli bar, apricot (your own label)" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
