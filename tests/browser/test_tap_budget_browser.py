"""The tap budget of issue 8, on a 390x844 phone: each thing logged from Today as a person would, counting every tap
and every field filled or chosen, against the most it may take."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from journal.models import Profile, SupplementDose, SymptomNote
from tests.browser.test_supplements_browser import log_in
from tests.builders import log_dose, log_food, make_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen_now")]

TODAY = date(2026, 11, 28)  # frozen_now, in UTC
# The most each may take, from the issue: taps plus fields filled, from Today.
BUDGET = {"food by search": 5, "recent food": 2, "dose of a product owned": 2, "first dose with its product": 8,
          "symptom note": 5}


class Taps:
    """What the person does, counted: a tap on a button, link or list option; a field typed into; a choice made in
    a list. Moving between pages is the app's doing and is not counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, locator):
        locator.click()
        self.count += 1

    def fill(self, locator, text):
        locator.fill(text)
        self.count += 1

    def type(self, locator, text):
        locator.press_sequentially(text)  # key by key, so the type-ahead answers as it would to a person
        self.count += 1

    def choose(self, locator, **option):
        locator.select_option(**option)
        self.count += 1


def supplements(page):
    """Today's Supplements section: the Medicines section below it has a "Log a dose" link of its own."""
    return page.locator("section[aria-labelledby=day-supplements-heading]")


def wait_for_path(page, path):
    """Until the page is at `path` (a glob would also match a ?next= that ends with it)."""
    page.wait_for_url(lambda url: urlsplit(url).path == path)


@pytest.fixture
def on_today(page, user):
    """Alice on Today after logging in: every count starts here."""
    Profile.objects.create(user=user, birth_date=date(1986, 3, 2), sex="female", time_zone="UTC")
    log_in(page, user.username)
    return Taps(page)


def test_a_food_found_by_search_takes_at_most_5(on_today, spinach):
    page = on_today.page
    on_today.tap(page.get_by_role("link", name="Add to lunch"))
    search = page.get_by_role("combobox", name="Find a food")
    assert page.locator("#quick-quantities").is_hidden()  # no food, no portions to count yet
    on_today.type(search, "spinach")
    option = page.get_by_role("option", name="Spinach, raw")
    option.wait_for()
    # The suggestions open below the search box: the words typed stay in sight.
    box, list_box = search.bounding_box(), page.get_by_role("listbox").bounding_box()
    assert list_box["y"] >= box["y"] + box["height"] - 1
    on_today.tap(option)
    assert page.get_by_label("Amount").input_value() == "1"  # one of its first portion, 1 cup (30 g)
    assert page.get_by_role("group", name="How many portions").is_visible()
    on_today.tap(page.get_by_role("button", name="Save", exact=True))

    wait_for_path(page, f"/day/{TODAY}/")
    assert on_today.count == 4 <= BUDGET["food by search"]
    assert "Logged Spinach, raw, 1 × 1 cup (30 g)." in page.locator("main").inner_text()
    # 79 mg/100 g x 30 g = 23.7 mg
    assert "24 mg" in page.locator("section[aria-labelledby=meal-lunch]").inner_text()


def test_a_quick_quantity_beside_the_portion_fills_the_amount(on_today, spinach):
    page = on_today.page
    page.goto(f"/meals/add/?food={spinach.pk}&date={TODAY}&meal=dinner")
    on_today.tap(page.get_by_role("group", name="How many portions").get_by_role("button", name="1½"))
    assert page.get_by_label("Amount").input_value() == "1.5"
    on_today.tap(page.get_by_role("button", name="Save", exact=True))
    wait_for_path(page, f"/day/{TODAY}/")
    # 1.5 x 30 g at 79 mg/100 g = 35.55 mg
    assert "36 mg" in page.locator("section[aria-labelledby=meal-dinner]").inner_text()


def test_a_recent_food_takes_1_from_today_and_2_through_a_meal(on_today, user, pumpkin_seeds):
    log_food(user, pumpkin_seeds, Decimal("0.5"), TODAY - timedelta(days=1), portion="1 cup")
    page = on_today.page
    page.reload()
    recent_foods = page.locator("section[aria-labelledby=recent-foods-heading]")
    assert "Logged to lunch" in recent_foods.inner_text()  # the meal of the hour: noon
    on_today.tap(recent_foods.get_by_role("button", name=pumpkin_seeds.name))
    wait_for_path(page, f"/day/{TODAY}/")
    assert on_today.count == 1 <= BUDGET["recent food"]
    # 592 mg/100 g x 64.5 g = 381.84 mg
    assert "382 mg" in page.locator("section[aria-labelledby=meal-lunch]").inner_text()

    on_today.count = 0
    on_today.tap(page.get_by_role("link", name="Add to snack"))
    # Logged twice now, the seeds are both recent and frequent: the first list is Recent.
    on_today.tap(page.locator("form.one-tap").get_by_role("button", name=pumpkin_seeds.name).first)
    wait_for_path(page, f"/day/{TODAY}/")
    assert on_today.count == 2 <= BUDGET["recent food"]
    assert "382 mg" in page.locator("section[aria-labelledby=meal-snack]").inner_text()


def test_a_dose_of_a_product_owned_takes_1_from_today_and_2_through_the_form(on_today, user):
    glycinate = make_product(user)  # 70.50 mg elemental a capsule
    log_dose(user, TODAY - timedelta(days=3), product=glycinate, units="2")
    page = on_today.page
    page.reload()

    on_today.tap(page.get_by_role("button", name="Take Acme Magnesium glycinate"))
    wait_for_path(page, f"/day/{TODAY}/")
    assert on_today.count == 1 <= BUDGET["dose of a product owned"]
    on_today.count = 0
    assert "Logged 141 mg elemental magnesium" in page.locator("main").inner_text()  # 2 x 70.50 mg

    on_today.tap(supplements(page).get_by_role("link", name="Log a dose"))
    assert "70.5 mg a capsule" in page.get_by_label("Product").locator("option:checked").inner_text()
    on_today.tap(page.get_by_role("button", name="Save dose"))
    wait_for_path(page, f"/day/{TODAY}/")  # back on the day the tap came from
    assert on_today.count == 2 <= BUDGET["dose of a product owned"]
    assert SupplementDose.objects.filter(user=user, date=TODAY).count() == 2


def test_a_first_dose_that_adds_its_product_from_the_label_takes_at_most_8(on_today, user):
    page = on_today.page
    on_today.tap(supplements(page).get_by_role("link", name="Log a dose"))
    on_today.tap(page.get_by_role("link", name="Add the product from its label"))
    on_today.fill(page.get_by_label("Name"), "Citrate powder")
    on_today.choose(page.get_by_label("Form of magnesium"), value="citrate")
    on_today.fill(page.get_by_label("Elemental magnesium per unit (mg)"), "150")
    on_today.tap(page.get_by_role("button", name="Save product"))
    # Back on the dose form of the same day, the new product chosen, one unit of it.
    wait_for_path(page, "/supplements/doses/add/")
    assert page.get_by_label("Product").locator("option:checked").inner_text() == (
        "150 mg a capsule · Citrate powder"
    )
    on_today.tap(page.get_by_role("button", name="Save dose"))

    wait_for_path(page, "/today/")
    assert on_today.count == 7 <= BUDGET["first dose with its product"]
    dose = SupplementDose.objects.get(user=user)
    assert (dose.date, dose.elemental_mg, dose.product_name) == (TODAY, Decimal("150.00"), "Citrate powder")


def test_a_symptom_note_takes_at_most_5(on_today, user):
    page = on_today.page
    on_today.tap(page.get_by_role("link", name="Add a note"))
    on_today.fill(page.get_by_label("Dizziness"), "6")
    on_today.fill(page.get_by_label("Fatigue"), "7")
    on_today.fill(page.get_by_label("Anxiety"), "2")
    on_today.tap(page.get_by_role("button", name="Save note"))

    wait_for_path(page, "/today/")
    assert on_today.count == 5 <= BUDGET["symptom note"]
    note = SymptomNote.objects.get(user=user)
    assert (note.date, note.dizziness, note.fatigue, note.anxiety) == (TODAY, 6, 7, 2)


def test_a_day_four_weeks_back_is_two_taps_and_today_one_more(on_today):
    page = on_today.page
    on_today.fill(page.get_by_label("Go to a day"), "2026-10-31")
    on_today.tap(page.get_by_role("button", name="Go"))
    wait_for_path(page, "/day/2026-10-31/")
    assert page.get_by_role("heading", level=1).inner_text() == "Saturday 31 October 2026"
    on_today.tap(page.get_by_role("link", name="Back to today"))
    wait_for_path(page, "/today/")
    assert on_today.count == 3


def test_the_upper_limit_link_keeps_its_closing_parenthesis_on_its_line(on_today, user):
    log_dose(user, TODAY, elemental_mg=400)  # over the adult 350 mg
    page = on_today.page
    page.reload()
    tail = page.locator("#totals-heading ~ dl .keep-together")
    assert tail.inner_text() == "Supplements)"
    assert tail.evaluate("span => span.getClientRects().length") == 1  # one line
    cell = page.locator("#totals-heading ~ dl dd").nth(2).bounding_box()
    box = tail.bounding_box()
    assert box["x"] + box["width"] <= cell["x"] + cell["width"] + 0.5  # inside its cell, not past the screen


def test_after_sign_up_the_profile_step_proposes_the_devices_time_zone(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  timezone_id="Europe/Paris")
    page = context.new_page()
    page.goto("/accounts/signup/")
    page.locator("#id_username").fill("carol")
    page.locator("#id_password1").fill("salt-and-magnesium-42")
    page.locator("#id_password2").fill("salt-and-magnesium-42")
    page.get_by_role("button", name="Create account").click()
    wait_for_path(page, "/profile/start/")

    assert page.get_by_label("Time zone").input_value() == "Europe/Paris"
    page.get_by_label("Birth date").fill("1986-03-02")
    page.get_by_label("Sex").select_option("female")
    page.get_by_role("button", name="Save and go to Today").click()

    wait_for_path(page, "/today/")
    assert "Goal: 320 mg, RDA for females 31-50 years" in page.locator("main").inner_text()
    assert Profile.objects.get(user__username="carol").time_zone == "Europe/Paris"
    context.close()
