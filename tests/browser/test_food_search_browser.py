import json

import pytest

from tests.builders import make_food
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Keeps what the page's food-chosen event carried across the navigation that follows it.
RECORD_CHOICE = """
document.addEventListener("food-chosen", (event) => {
  sessionStorage.setItem("chosen", JSON.stringify(event.detail));
  sessionStorage.setItem("hidden", document.getElementById("chosen-food").value);
});
"""


def log_in(page, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_type_ahead_forgives_a_typo_and_opens_the_chosen_food(page, make_user):
    make_user("alice")
    make_food("Avocados, raw, all commercial varieties", source_id="09037", magnesium_mg="29",
              portions=[("1 cup, cubes", "150"), ("1 cup, pureed", "230")])
    make_food("Oil, avocado", source_id="04581", magnesium_mg="0")

    log_in(page, "/foods/")
    page.wait_for_url("**/foods/")
    page.evaluate(RECORD_CHOICE)

    page.get_by_role("combobox", name="Search foods").press_sequentially("avacado")
    suggestion = page.get_by_role("option", name="Avocados, raw, all commercial varieties")
    suggestion.wait_for()
    assert page.get_by_role("option").first.inner_text().startswith("Avocados, raw, all commercial varieties")
    assert "SR28 · Magnesium 29 mg/100 g" in suggestion.inner_text()

    page.keyboard.press("ArrowDown")
    assert suggestion.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")

    page.wait_for_url("**/foods/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Avocados, raw, all commercial varieties"
    chosen = json.loads(page.evaluate("sessionStorage.getItem('chosen')"))
    assert chosen["source_id"] == "09037"
    assert [portion["description"] for portion in chosen["portions"]] == ["1 cup, cubes", "1 cup, pureed"]
    assert page.evaluate("sessionStorage.getItem('hidden')") == str(chosen["id"])


@pytest.mark.parametrize("url", ["/foods/search/?q=pumpkin+seeds", "/foods/magnesium-rich/", "food page"])
def test_log_it_buttons_stay_on_one_line_on_a_phone(page, make_user, url):
    make_user("alice")
    seeds = make_food("Seeds, pumpkin and squash seed kernels, roasted, without salt", source_id="12016",
                      magnesium_mg="550", category="Nut and Seed Products",
                      portions=[("1 oz", "28.35"), ("1 cup", "118")])
    make_food("Pumpkin seeds, NFS", source="fndds", source_id="43101050", magnesium_mg="550",
              category="Nuts and seeds", portions=[("1 oz, without shell", "28.35")])
    make_food("Seeds, pumpkin and squash seed kernels, roasted, with salt added", source_id="12516",
              magnesium_mg="550", category="Nut and Seed Products", portions=[("1 oz", "28.35")])

    log_in(page, "/foods/")
    page.wait_for_url("**/foods/")
    page.goto(seeds.get_absolute_url() if url == "food page" else url)

    buttons = page.get_by_role("link", name="Log it")
    assert buttons.count() >= 2
    one_line = page.get_by_role("link", name="Log it").first.evaluate(
        "button => parseFloat(getComputedStyle(button).lineHeight)"
    )
    for index in range(buttons.count()):
        # Taller than one line of text and its padding means "Log" and "it" sit on two lines.
        assert buttons.nth(index).bounding_box()["height"] < 2 * one_line


def test_type_ahead_says_which_other_name_found_a_food(page, make_user):
    make_user("alice")
    make_food("Peppers, sweet, red, raw", source_id="11821", magnesium_mg="12", portions=[("1 cup, chopped", "149")])

    log_in(page, "/foods/")
    page.wait_for_url("**/foods/")
    page.get_by_role("combobox", name="Search foods").press_sequentially("capsicum")
    suggestion = page.get_by_role("option", name="capsicum: Peppers, sweet, red, raw")
    suggestion.wait_for()
    assert "SR28 · Magnesium 12 mg/100 g" in suggestion.inner_text()
