"""axe-core finds no serious or critical accessibility violation on any page, logged in with a diary or logged out.

One browser context and one tab visit every page in turn, so the whole site is checked in one test per state.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_supplements_browser import log_in
from tests.every_page import diary_of, every_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
LOGGED_OUT_PAGES = [
    "/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/", "/accounts/password_reset/done/",
    "/accounts/reset/done/", "/offline/", "/no-such-page/",
]


def blocking_violations(page, axe):
    """Each serious or critical violation as 'id (impact): help -- targets', to read in the failure message."""
    violations = axe.run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -- "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in violations if violation["impact"] in BLOCKING
    ]


def test_no_page_of_a_diary_has_a_serious_accessibility_violation(page, user, client):
    client.force_login(user)
    # Actions that need a POST answer a GET with an empty 405: not pages.
    pages = [url for url in every_page(diary_of(user)) if client.get(url).status_code != 405]
    axe = Axe()
    log_in(page, user.username)

    found = {}
    for url in pages:
        page.goto(url)
        if violations := blocking_violations(page, axe):
            found[url] = violations
    # On a wider screen the navigation is shown open, its links and the current one in their own colours.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/insights/")
    if violations := blocking_violations(page, axe):
        found["/insights/ at 1280 px"] = violations
    assert found == {}, "\n".join(f"{url}: {violation}" for url, lines in found.items() for violation in lines)


def test_no_logged_out_page_has_a_serious_accessibility_violation(page):
    axe = Axe()
    found = {}
    for url in LOGGED_OUT_PAGES:
        page.goto(url)
        if violations := blocking_violations(page, axe):
            found[url] = violations
    assert found == {}, "\n".join(f"{url}: {violation}" for url, lines in found.items() for violation in lines)


def test_the_first_tab_shows_the_skip_link_which_takes_the_keyboard_past_the_navigation(page, user):
    log_in(page, user.username)
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.bounding_box()["y"] < 0  # out of sight until it has the focus
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the page's content, not the navigation
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_a_refused_log_in_has_no_serious_accessibility_violation(page, user):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "enter a correct username and password" in page.content().lower()
    assert blocking_violations(page, Axe()) == []
