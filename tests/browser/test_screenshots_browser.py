"""The phone screenshots in docs/screenshots/, taken of a lived-in diary at 390x844: Today, the log form with its
suggestions open, the dose form and Week. Each page must fit the phone's width: no sideways scrolling.

Every run checks the pages; `UPDATE_SCREENSHOTS=1` also writes the pictures into docs/screenshots/ (otherwise into
the test's own temporary folder), so a test run leaves the checkout as it found it."""

import os
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from journal.models import Profile
from tests.browser.test_supplements_browser import log_in
from tests.builders import add_drink, log_dose, log_food, make_product, salt_tablet, write_note

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen_now")]

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TODAY = date(2026, 11, 28)


@pytest.fixture
def diary(user, pumpkin_seeds, spinach):
    """Alice, 40, a week of food, two products taken most days, notes and drinks."""
    Profile.objects.create(user=user, birth_date=date(1986, 3, 2), sex="female", time_zone="UTC",
                           fluid_target_ml=2500, sodium_target_g=Decimal(6))
    glycinate, salt = make_product(user), salt_tablet(user)
    zone = Profile.for_user(user).zone
    for days_ago in range(7):
        day = TODAY - timedelta(days=days_ago)
        log_food(user, pumpkin_seeds, Decimal("0.25"), day, meal="breakfast", portion="1 cup")
        log_food(user, spinach, 1 + days_ago % 2, day, meal="lunch", portion="1 cup")
        log_dose(user, product=glycinate, units="2", taken_at=datetime.combine(day, time(8), zone))
        if days_ago % 2:
            log_dose(user, day, product=salt)
        write_note(user, day, dizziness=2 + days_ago % 4, fatigue=5 - days_ago % 3, anxiety=2)
        add_drink(user, 1500 + 250 * (days_ago % 3), day)
    return user


@pytest.fixture
def shoot(tmp_path):
    folder = DOCS_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path

    def shoot(page, name):
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, name  # no sideways scrolling
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        assert (folder / f"{name}.png").stat().st_size > 10_000, name  # a page drawn, not a blank one

    return shoot


def test_the_phone_screenshots_fit_the_screen(page, diary, shoot):
    log_in(page, diary.username)
    shoot(page, "today")

    page.get_by_role("link", name="Add to snack").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/meals/add/")
    page.get_by_role("combobox", name="Find a food").press_sequentially("spinach")
    page.get_by_role("option", name="Spinach, raw").wait_for()
    shoot(page, "log-food")

    page.goto(f"/supplements/doses/add/?date={TODAY}&next=/today/")
    shoot(page, "dose")

    page.goto("/week/")
    # The charts grow into place: the picture is taken once they stand still.
    page.wait_for_function("""() => ['magnesium-chart', 'symptom-chart', 'electrolyte-chart'].every(
        id => Chart.getChart(id) && !Chart.animator.running(Chart.getChart(id)))""")
    shoot(page, "week")
