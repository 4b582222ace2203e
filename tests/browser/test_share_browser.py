"""Sharing the report on a phone: the person makes a link, a doctor opens it in another browser, the person revokes
it."""

from datetime import date

import pytest

from journal.models import Profile
from tests.browser.test_supplements_browser import log_in
from tests.builders import log_food, pumpkin_seeds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_link_made_on_a_phone_opens_the_report_elsewhere_until_revoked(page, browser, live_server, user):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_food(user, pumpkin_seeds(), 1, date(2026, 11, 2), portion="1 oz")  # 592 mg/100 g x 28.35 g = 168 mg
    log_in(page, user.username)
    page.goto("/share/")
    page.locator("#id_start").fill("2026-11-02")
    page.locator("#id_end").fill("2026-11-08")
    page.locator("#id_note").fill("For Dr Rivera")
    page.get_by_role("button", name="Make the link").click()
    url = page.get_by_label("The new link").input_value()
    assert url.startswith(f"{live_server.url}/shared/")
    assert fits_the_width(page)

    doctor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    doctor.goto(url)
    assert doctor.get_by_role("heading", name="Magnesium and symptoms, 2 Nov 2026 to 8 Nov 2026").is_visible()
    assert doctor.evaluate("() => Chart.getChart('report-chart').data.datasets[0].data[0]") == 168
    assert doctor.get_by_text("Note from alice: For Dr Rivera").is_visible()
    assert doctor.get_by_role("navigation").count() == 0
    assert fits_the_width(doctor)

    page.goto("/share/")  # the list now says when it was opened
    assert page.locator("#share-links tbody tr").first.locator("td").nth(4).inner_text().endswith("(1 time)")
    page.get_by_role("button", name="Revoke").click()
    assert page.get_by_text("it no longer opens").is_visible()
    assert doctor.goto(url).status == 410
    assert doctor.get_by_role("heading", name="This link no longer works").is_visible()
    doctor.context.close()
