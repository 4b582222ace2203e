"""A lab result typed in on a phone, from the lab's report, and seen at once in its chart and its table."""

from datetime import date

import pytest

from journal.models import Profile
from tests.browser.test_stand_test_browser import log_in
from tests.builders import log_food, make_food

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_a_result_is_added_and_drawn_against_its_range_beside_the_week_before(page, user, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    food = make_food("Test food, 100 mg per 100 g", magnesium_mg=100)
    log_food(user, food, 300, date(2026, 11, 20))  # 300 mg, the only day of the 7 before 24 November that counts
    log_in(page, user, "/labs/")
    page.get_by_role("link", name="Add a result").click()
    page.wait_for_url("**/labs/add/")
    page.get_by_label("Test").select_option("serum_magnesium")
    page.get_by_label("Date of the sample").fill("2026-11-24")
    page.get_by_label("Result").fill("1.9")
    page.get_by_label("Unit").select_option("mg/dL")
    page.get_by_label("Lab's range from").fill("1.7")
    page.get_by_label("Lab's range to").fill("2.4")
    page.get_by_role("button", name="Save result").click()
    page.wait_for_url("**/labs/")

    # Drawn in mg/dL, the unit of the result: the value, the lab's range as a band, 300 mg a day the week before.
    drawn = page.evaluate("() => Chart.getChart('lab-chart-serum_magnesium').data.datasets.map(set => set.data)")
    assert drawn == [[[1.7, 2.4]], [1.9], [300]]
    row = page.locator("#labs-serum_magnesium tbody.lab-result")
    text = row.inner_text()
    assert "24 Nov 2026" in text and "1.90" in text and "1.70 to 2.40" in text
    assert "1.9 mg/dL ÷ 2.4305 = 0.78 mmol/L" in text
    assert "300 mg a day (1 of 7 days count)" in text
    assert page.locator("#lab-serum-note").is_visible()
    table = page.locator("#labs-serum_magnesium .table-responsive")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert table.evaluate("(box) => box.scrollWidth <= box.clientWidth")  # the table fits a phone, no sideways scroll
    page.screenshot(path="/tmp/labs.png", full_page=True)
