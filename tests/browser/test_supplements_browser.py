import pytest

from tests.builders import log_dose, log_food, make_product
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def test_a_product_from_its_compound_weight_and_two_doses_over_the_limit(page, user):
    log_in(page, user.username)

    page.goto("/supplements/products/add/")
    page.get_by_label("Name").fill("Calm capsules")
    page.get_by_label("Form of magnesium").select_option("glycinate")
    page.get_by_label("Compound weight per unit (mg)").fill("500")
    page.get_by_role("button", name="Save product").click()
    page.wait_for_url("**/supplements/")
    assert "500 mg × 14.10% = 70.5 mg elemental" in page.locator("main").inner_text()

    for _ in range(2):  # 3 capsules twice: 211.50 mg, then 423 mg, over the adult limit of 350 mg
        page.get_by_role("link", name="Log a dose").click()
        page.get_by_label("How many units").fill("3")
        page.get_by_role("button", name="Save dose").click()
        page.wait_for_url("**/supplements/")

    warning = page.locator(".alert-warning").first
    assert "423 mg of magnesium, above the upper limit of 350 mg" in warning.inner_text()
    assert "Diarrhoea is usually the first sign" in warning.inner_text()


def test_on_a_phone_the_days_dose_and_meal_actions_are_on_screen_and_big_enough_to_tap(page, user, spinach,
                                                                                      frozen_now):
    log_dose(user, product=make_product(user))
    log_food(user, spinach, 30, meal="lunch")
    log_in(page, user.username)

    viewport_width = page.viewport_size["width"]  # 390 px
    for name in ("Edit dose of", "Delete dose of", "Copy lunch to another day", "Save as a meal",
                 "Copy the whole day"):
        target = page.get_by_role("link", name=name).or_(page.get_by_role("button", name=name)).first
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        assert box["height"] >= 44, name
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport_width, name
