"""Chromium enforces the Content-Security-Policy on every page of a user with a diary and reports no violation."""

from decimal import Decimal

import pytest

from journal.models import MealEntry, Profile
from tests.browser.test_supplements_browser import log_in
from tests.every_page import diary_of, every_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


def test_no_page_breaks_the_policy(page, user, client):
    client.force_login(user)
    # Actions that need a POST answer a GET with an empty 405: not pages.
    pages = [url for url in every_page(diary_of(user)) if client.get(url).status_code != 405]
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.add_init_script(REPORT_VIOLATIONS)
    log_in(page, user.username)

    for url in pages:
        response = page.goto(url)
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        assert page.evaluate("window.cspViolations") == [], url
    assert [error for error in console_errors if "Content Security Policy" in error] == []


def test_the_days_progress_bar_is_drawn_to_its_figure_under_the_policy(page, user):
    MealEntry.objects.create(  # half a cup of pumpkin seeds: 381.84 mg of the 420 mg Daily Value
        user=user, date=Profile.for_user(user).today(), meal="breakfast", food_name="Seeds, pumpkin",
        food_source="sr28", food_source_id="12014", grams=Decimal("64.5"), magnesium_mg=Decimal("381.84"),
    )
    log_in(page, user.username)
    progress = page.get_by_role("progressbar")
    bar = progress.locator(".progress-bar")
    assert progress.get_attribute("aria-valuenow") == "91"
    assert bar.inner_text() == "91%"
    assert abs(bar.bounding_box()["width"] / progress.bounding_box()["width"] - 0.91) < 0.01
