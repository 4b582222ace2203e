"""A whole guided stand test on a phone, its timer shortened (never skipped), and its figures checked by hand."""

import time
from datetime import date

import pytest

from journal.models import Profile, StandTest
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MINUTE_MS = 1500  # a "minute" of the timer in this test; the site's is 60000
SUPINE = [(70, 120, 80), (75, 118, 78)]
# Minutes 1 to 10 standing; blood pressure at minutes 1 to 3.
STANDING = [(95, 110, 75), (98, 99, 70), (101, 104, 72), 100, 102, 103, 99, 97, 96, 94]


def log_in(page, user, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_url}")


def enter(page, position, minute, reading):
    heart_rate, *pressure = reading if isinstance(reading, tuple) else (reading,)
    page.locator(f"#id_{position}_{minute}_heart_rate").fill(str(heart_rate))
    if pressure:
        page.locator(f"#id_{position}_{minute}_systolic").fill(str(pressure[0]))
        page.locator(f"#id_{position}_{minute}_diastolic").fill(str(pressure[1]))


@pytest.fixture
def guided(page, user, settings):
    settings.STAND_TEST_MINUTE_MS = MINUTE_MS
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_in(page, user, "/stand/guided/")
    return page


def test_a_whole_stand_test_on_a_phone(guided, user):
    page = guided
    assert not page.locator("#step-stand").is_visible()  # the standing step waits for the timer
    assert not page.get_by_role("button", name="Save the test").is_visible()
    for minute, reading in enumerate(SUPINE, start=1):
        enter(page, "supine", minute, reading)
    started = time.monotonic()  # before the click, so never later than the timer's own start
    page.get_by_role("button", name="I am standing: start the timer").click()
    page.get_by_label("Dizzy or light-headed").check()

    for minute, reading in enumerate(STANDING, start=1):
        page.locator(f"#reading-standing-{minute}").wait_for(state="visible")
        # Each minute comes in its turn, after its full length: none is skipped, none comes early.
        assert time.monotonic() - started >= minute * MINUTE_MS / 1000
        if minute < 10:
            assert not page.locator(f"#reading-standing-{minute + 1}").is_visible()
            assert page.locator("#stand-timer").inner_text().startswith(f"Minute {minute}: enter this reading now.")
        enter(page, "standing", minute, reading)

    assert page.locator("#stand-timer").inner_text().startswith("Minute 10: enter the last reading")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Save the test").click()
    page.wait_for_url("**/stand/*/")

    test = StandTest.objects.get(user=user)
    assert (test.readings.count(), test.symptoms, test.stopped_early) == (12, ["dizzy"], "")
    # Baseline (70 + 75) / 2 = 72.5 bpm; highest standing 103 bpm (minute 6); rise 103 - 72.5 = 30.5 >= 30 bpm.
    assert page.locator("#stand-baseline").inner_text().startswith("72.5 bpm: the mean of 70 and 75 bpm")
    assert page.locator("#stand-peak").inner_text() == "103 bpm at minute 6"
    assert page.locator("#stand-rise").inner_text() == "30.5 bpm: 103 − 72.5 bpm"
    assert page.locator("#stand-rise-flag").inner_text().startswith("The rise reaches 30 bpm")
    # Systolic (120 + 118) / 2 = 119, lowest in 3 minutes 99: 20 >= 20. Diastolic (80 + 78) / 2 = 79, lowest 70: 9.
    assert page.locator("#stand-systolic-drop").inner_text() == "20.0 mmHg: lying mean 119.0 mmHg − 99 mmHg at minute 2"
    assert page.locator("#stand-diastolic-drop").inner_text() == "9.0 mmHg: lying mean 79.0 mmHg − 70 mmHg at minute 2"
    assert page.locator("#stand-pressure-flag").is_visible()
    drawn = page.evaluate("() => Chart.getChart('stand-chart').data.datasets.map(set => set.data)")
    assert drawn == [
        [70, 75, 95, 98, 101, 100, 102, 103, 99, 97, 96, 94],
        [120, 118, 110, 99, 104, *[None] * 7],
        [80, 78, 75, 70, 72, *[None] * 7],
    ]
    assert page.locator("#stand-table tbody tr").count() == 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_guided_test_can_stop_early_with_a_reason(guided, user):
    page = guided
    enter(page, "supine", 1, 64)
    enter(page, "supine", 2, 66)
    page.get_by_role("button", name="I am standing: start the timer").click()
    page.locator("#reading-standing-1").wait_for(state="visible")
    enter(page, "standing", 1, 99)  # 99 - 65 = 34 bpm
    page.get_by_role("button", name="Stop the test early").click()
    page.get_by_label("Stopped early because").select_option("fainting")
    page.get_by_role("button", name="Save the test").click()
    page.wait_for_url("**/stand/*/")
    assert page.locator("#stand-rise").inner_text() == "34.0 bpm: 99 − 65.0 bpm"
    assert StandTest.objects.get(user=user).stopped_early == "fainting"
