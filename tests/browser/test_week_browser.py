from datetime import date

import pytest

from journal.models import Profile
from tests.builders import log_food, make_food
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_week_page_draws_its_charts_with_the_vendored_chart_library(page, user):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    almonds = make_food("Nuts, almonds", source_id="12061", magnesium_mg=270)  # SR28 12061, per 100 g
    log_food(user, almonds, "28.35", date(2026, 11, 24), meal="lunch")
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
    # On a phone the table keeps its magnesium columns in view; the symptom columns are in the chart.
    assert page.evaluate("""() => {
        const wrapper = document.querySelector('#week-table').parentElement;
        return wrapper.scrollWidth <= wrapper.clientWidth;
    }""")
    assert not page.get_by_role("columnheader", name="Dizziness").is_visible()
    assert tuesday.get_by_role("link").bounding_box()["height"] >= 44
