from datetime import date

import pytest

from journal.models import Profile
from tests.builders import log_food, spinach
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_drinks_are_one_tap_and_the_panel_and_week_chart_follow(page, user, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC",
                           fluid_target_ml=2000)
    log_food(user, spinach(), 1, portion="1 cup")  # 30 g x 91.40 g/100 g = 27.42 ml of water
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")

    viewport_width = page.viewport_size["width"]  # 390 px
    for name in ("+ Glass of water, 250 ml", "+ Bottle of water, 500 ml"):
        button = page.get_by_role("button", name=name)
        box = button.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= viewport_width, name
        button.click()
        page.wait_for_url("**/day/2026-11-28/")
    page.get_by_label("Amount (ml)").fill("330")
    page.get_by_label("Drink", exact=True).select_option("tea")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/day/2026-11-28/")

    # 27.42 + 250 + 500 + 330 = 1,107.42 ml, shown as 1,107 ml; 1,107.42 / 2,000 = 55.4%, shown as 55%.
    fluid_row = page.locator("#electrolyte-panel tr", has_text="Fluid")
    assert fluid_row.inner_text().split("\t")[1:] == ["1,107 ml", "2,000 ml (55%)"]
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    page.goto("/week/2026-11-28/")
    drawn = page.evaluate("() => Chart.getChart('electrolyte-chart').data.datasets.map(set => set.data[5])")
    # Saturday: sodium 30 g x 79 mg/100 g = 23.70 mg = 0.0237 g; potassium 167.40 mg -> 0.1674 g; 1,107.42 ml ->
    # 1.107 L: the chart takes the rounded day figures, as the table beside it shows them.
    assert drawn == [0.024, 0.167, 1.107]
