"""On a phone: a Cronometer file is chosen, previewed in a table that fits the screen, and imported."""

import pytest

from journal.models import MealEntry
from tests.browser.test_supplements_browser import log_in
from tests.journal.test_cronometer_import import SERVINGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cronometer_file_is_previewed_and_imported_on_a_phone(page, user, tmp_path, frozen_now):
    servings = tmp_path / "servings.csv"
    servings.write_text(SERVINGS)
    log_in(page, user.username)
    page.goto("/profile/")
    page.get_by_role("link", name="Your data").click()
    page.get_by_label("Cronometer servings export (.csv)").set_input_files(servings)
    page.get_by_role("button", name="Preview").click()
    page.wait_for_url("**/profile/data/cronometer/preview/")

    table = page.locator("#import-days")
    assert "At least 79 mg: 2 of 3 foods report magnesium" in table.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # 390 px
    assert MealEntry.objects.count() == 0

    page.get_by_role("button", name="Import 4 rows").click()
    page.wait_for_url("**/day/2026-11-02/")
    assert "Imported 4 rows from Cronometer." in page.locator("main").inner_text()
    assert MealEntry.objects.filter(user=user).count() == 4
