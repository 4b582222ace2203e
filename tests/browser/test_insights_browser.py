from datetime import timedelta

import pytest

from journal.models import Profile
from tests.builders import log_food, make_food, write_note
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_insights_draw_the_daily_magnesium_and_its_seven_day_average(page, user, frozen_now):
    today = Profile.for_user(user).today()
    almonds = make_food("Nuts, almonds", source_id="12061", magnesium_mg=270)  # SR28 12061, per 100 g
    for n in range(7):
        log_food(user, almonds, "28.35", today - timedelta(days=n), meal="snack")
    for n, standing in enumerate((90, 96, 99)):  # rises of 30, 36 and 39 bpm over 60 lying, the last three days
        write_note(user, today - timedelta(days=n), heart_rate_lying=60, heart_rate_standing=standing)
    page.goto("/accounts/login/?next=/insights/%3Fdays%3D28")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/insights/?days=28")

    daily, rolling = page.evaluate("""() => Chart.getChart('intake-chart').data.datasets
        .slice(0, 2).map(dataset => dataset.data.slice(-7))""")
    # 270 mg/100 g x 28.35 g = 76.55 mg, shown as 77 mg.
    assert daily == [77] * 7
    assert rolling == [None, None, 77, 77, 77, 77, 77]  # an average needs three days
    rise = page.evaluate("() => Chart.getChart('symptom-trend-chart').data.datasets.at(-1).data.slice(-3)")
    assert rise == [None, None, 35]  # (39 + 36 + 30) / 3 = 35: an average needs three days
    # On a phone the comparison tables, heart-rate rise included, fit the screen.
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("""() => [...document.querySelectorAll('[id^=comparison-]')]
        .map(table => table.parentElement.scrollWidth <= table.parentElement.clientWidth)""") == [True]  # magnesium
    assert "7 of 28" in page.locator("#insight-figures").inner_text().replace("\n", " ")
