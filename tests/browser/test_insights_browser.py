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


def test_the_table_beside_the_charts_carries_every_figure_they_draw(page, user, frozen_now):
    today = Profile.for_user(user).today()
    almonds = make_food("Nuts, almonds", source_id="12061", magnesium_mg=270)  # SR28 12061, per 100 g
    for n in range(4):
        log_food(user, almonds, "100", today - timedelta(days=n), meal="snack")  # 270 mg a day
        write_note(user, today - timedelta(days=n), dizziness=n, fatigue=6, anxiety=1,
                   heart_rate_lying=60, heart_rate_standing=90 + n)  # rises of 30, 31, 32, 33 bpm
    page.goto("/accounts/login/?next=/insights/%3Fdays%3D28")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/insights/?days=28")

    drawn = page.evaluate("""() => ['intake-chart', 'symptom-trend-chart'].flatMap(id =>
        Chart.getChart(id).data.datasets.map(set => [set.label, set.data.slice(-4)]))""")
    # The last four days, as the table prints them: its rows are "Day, Magnesium, 7-day average, Goal, Counts?,
    # Dizziness, Fatigue, Anxiety (7-day averages), Heart-rate rise, its 7-day average".
    cells = page.evaluate("""() => [...document.querySelectorAll('#insights-table tbody tr')].slice(-4)
        .map(row => [...row.cells].map(cell => cell.textContent.trim()))""")
    columns = {"Magnesium (mg)": 1, "7-day average (mg)": 2, "Goal (mg)": 3, "Dizziness": 5, "Fatigue": 6,
               "Anxiety": 7, "Heart-rate rise (bpm)": 9}
    printed = {label: [row[column] for row in cells] for label, column in columns.items()}

    def figure(cell):
        return None if cell == "–" else float(cell.split()[0].replace(",", ""))

    assert {label: values for label, values in drawn} == {
        label: [figure(cell) for cell in column] for label, column in printed.items()
    }
    # Worked by hand: dizziness 3, 2, 1, 0 from the oldest day; a 7-day average needs three days: (3 + 2 + 1) / 3 = 2,
    # then (3 + 2 + 1 + 0) / 4 = 1.5; rises 33, 32, 31, 30 bpm -> 32, then 31.5.
    assert printed["Dizziness"] == ["–", "–", "2.0", "1.5"]
    assert printed["Heart-rate rise (bpm)"] == ["–", "–", "32.0 bpm", "31.5 bpm"]
    assert printed["Magnesium (mg)"] == ["270 mg"] * 4
