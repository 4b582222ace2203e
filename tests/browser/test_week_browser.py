from datetime import date

import pytest

from journal.models import Profile
from tests.builders import add_drink, log_food, make_food, run_stand_test
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_week_page_draws_its_charts_with_the_vendored_chart_library(page, user):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    almonds = make_food("Nuts, almonds", source_id="12061", magnesium_mg=270)  # SR28 12061, per 100 g
    log_food(user, almonds, "28.35", date(2026, 11, 24), meal="lunch")
    # Lying 70 and 75 (mean 72.5), highest standing 103: a rise of 30.5 bpm.
    run_stand_test(user, date(2026, 11, 24), supine=[70, 75], standing=[95, 103])
    add_drink(user, 2250, date(2026, 11, 24))  # a wide fluid cell, for the phone-width check
    page.goto("/accounts/login/?next=/week/2026-11-24/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/week/2026-11-24/")

    drawn = page.evaluate("""() => ['magnesium-chart', 'symptom-chart'].map(
        id => Chart.getChart(id)?.data.datasets[0].data)""")
    # Days with nothing logged are gaps in the chart, not bars of 0 mg.
    # 270 mg/100 g x 28.35 g = 76.55 mg, shown as 77 mg.
    assert drawn == [[None, 77, None, None, None, None, None], [None] * 7]
    tuesday = page.locator("#week-table tbody tr").nth(1)
    assert tuesday.locator("td").nth(2).inner_text() == "77 mg"  # the day's total, as on the day page
    # The goal line is drawn last, in front of the bars: Chart.js draws the sorted datasets from the end.
    drawn_last = page.evaluate("""() => { const chart = Chart.getChart('magnesium-chart');
        return chart.data.datasets[chart.getSortedVisibleDatasetMetas()[0].index].label; }""")
    assert drawn_last == "Goal (mg)"
    # On a phone the symptom columns are there too: the table scrolls inside its own box, the day staying in view.
    page.locator("#week-table").evaluate("table => table.parentElement.scrollLeft = table.parentElement.scrollWidth")
    assert page.get_by_role("columnheader", name="Anxiety").is_visible()
    assert page.get_by_role("columnheader", name="Anxiety").bounding_box()["x"] < 390
    assert page.locator("#week-table thead th").first.bounding_box()["x"] >= 0
    # The heart-rate rise is drawn beside the symptoms, and its column fits the phone with the electrolytes.
    rise = page.evaluate("() => Chart.getChart('symptom-chart').data.datasets.at(-1).data")
    assert rise == [None, 30.5, None, None, None, None, None]
    panel = page.locator("#week-panel-table")
    assert panel.locator("tbody tr").nth(1).locator("td").nth(3).inner_text() == "30.5 bpm"
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert tuesday.get_by_role("link").bounding_box()["height"] >= 44
