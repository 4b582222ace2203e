import json

import pytest

from tests.conftest import PASSWORD
from tests.foods.food_builders import make_food

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Keeps what the page's food-chosen event carried across the navigation that follows it.
RECORD_CHOICE = """
document.addEventListener("food-chosen", (event) => {
  sessionStorage.setItem("chosen", JSON.stringify(event.detail));
  sessionStorage.setItem("hidden", document.getElementById("chosen-food").value);
});
"""


def test_type_ahead_forgives_a_typo_and_opens_the_chosen_food(page, make_user):
    make_user("alice")
    make_food("Avocados, raw, all commercial varieties", source_id="09037", magnesium_mg="29",
              portions=[("1 cup, cubes", "150"), ("1 cup, pureed", "230")])
    make_food("Oil, avocado", source_id="04581", magnesium_mg="0")

    page.goto("/accounts/login/?next=/foods/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/foods/")
    page.evaluate(RECORD_CHOICE)

    page.get_by_role("combobox", name="Search foods").press_sequentially("avacado")
    suggestion = page.get_by_role("option", name="Avocados, raw, all commercial varieties")
    suggestion.wait_for()
    assert page.get_by_role("option").first.inner_text().startswith("Avocados, raw, all commercial varieties")

    page.keyboard.press("ArrowDown")
    assert suggestion.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")

    page.wait_for_url("**/foods/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Avocados, raw, all commercial varieties"
    chosen = json.loads(page.evaluate("sessionStorage.getItem('chosen')"))
    assert chosen["source_id"] == "09037"
    assert [portion["description"] for portion in chosen["portions"]] == ["1 cup, cubes", "1 cup, pureed"]
    assert page.evaluate("sessionStorage.getItem('hidden')") == str(chosen["id"])
