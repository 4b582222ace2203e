from datetime import UTC, datetime

import pytest

from journal.models import MedicineDose, Profile
from tests.builders import log_dose, make_medicine
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_usual_dose_is_one_tap_and_the_timing_note_follows(page, user, frozen_now):
    """Saturday 28 November 2026 at 07:00 in New York (UTC-5; the frozen clock): magnesium at 06:00, alendronate
    usually at 07:00, an hour later, where the NIH ODS fact sheet asks for 2 hours apart."""
    Profile.objects.create(user=user, time_zone="America/New_York")
    make_medicine(user, usual_times=["07:00"])
    log_dose(user, elemental_mg=200, taken_at=datetime(2026, 11, 28, 11, 0, tzinfo=UTC))  # 06:00 in New York
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")
    assert page.locator("#timing-notes").count() == 0

    button = page.get_by_role("button", name="Took Alendronate 70 mg tablet at 07:00")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= page.viewport_size["width"]
    button.click()
    page.wait_for_url("**/day/2026-11-28/")

    assert "Logged: Alendronate 70 mg tablet at 07:00." in page.locator("main").inner_text()
    note = ("Magnesium (Magnesium glycinate, 200 mg, Sat 28 Nov 06:00) was taken 1 h before Alendronate "
            "(Sat 28 Nov 07:00): magnesium can lower the absorption of oral bisphosphonates: the fact sheet says to "
            "take them at least 2 hours apart. Something to talk over with your doctor or pharmacist.")
    assert page.get_by_role("alert").filter(has_text="was taken 1 h before").inner_text().strip() == note
    assert note in page.locator("#timing-notes").inner_text()
    assert page.get_by_role("button", name="✓ Took Alendronate 70 mg tablet at 07:00").get_attribute(
        "aria-pressed") == "true"
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert MedicineDose.objects.get().taken_at == datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
