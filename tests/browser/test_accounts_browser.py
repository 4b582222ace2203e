import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_user_signs_up_logs_out_logs_in_and_lands_on_today(page):
    page.goto("/")
    page.get_by_role("link", name="Create a free account").click()
    page.locator("#id_username").fill("carol")
    page.locator("#id_password1").fill("salt-and-magnesium-42")
    page.locator("#id_password2").fill("salt-and-magnesium-42")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/profile/start/")  # the first-run step, which may be left for later
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url("**/today/")
    assert page.get_by_role("link", name="Complete your profile").get_attribute("href") == "/profile/start/"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Today")

    # The phone layout folds the navigation behind the menu button.
    page.get_by_role("button", name="Menu").click()
    page.locator("#main-nav.show:not(.collapsing)").wait_for()  # the menu has finished opening
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: "/today/" not in url)

    page.goto("/today/")
    page.wait_for_url("**/accounts/login/?next=/today/")
    page.locator("#id_username").fill("carol")
    page.locator("#id_password").fill("salt-and-magnesium-42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")
    assert "Today" in page.title()
