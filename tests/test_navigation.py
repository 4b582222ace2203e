"""The skip link comes first on every page, and the navigation marks the item of the page being read as current."""

import re

import pytest
from django.test import Client


def current_items(html):
    """The labels of the navigation links marked aria-current="page"."""
    return re.findall(r'<a class="nav-link active" aria-current="page" href="[^"]*"(?: title="[^"]*")?>([^<]+)</a>',
                      html)


@pytest.mark.parametrize(("url", "item"), [
    ("/today/", "Today"), ("/day/2026-11-27/", "Today"), ("/meals/add/", "Log food"), ("/week/", "Week"),
    ("/week/2026-11-23/", "Week"), ("/insights/", "Insights"), ("/foods/", "Foods"),
    ("/foods/magnesium-rich/", "Foods"),
    ("/supplements/", "Supplements"), ("/supplements/products/add/", "Supplements"),
    ("/supplements/doses/add/", "Supplements"), ("/symptoms/", "Symptoms"), ("/symptoms/add/", "Symptoms"),
    ("/export/", "Export"), ("/learn/", "Learn"), ("/profile/", "alice"), ("/stand/", None),
])
def test_the_item_of_the_page_read_is_the_one_current(logged_in_client, frozen_now, url, item):
    response = logged_in_client.get(url)
    assert response.status_code == 200, url
    assert current_items(response.content.decode()) == ([item] if item else [])


def test_no_item_is_current_on_a_page_outside_the_navigation(logged_in_client):
    html = logged_in_client.get("/saved-meals/").content.decode()
    assert current_items(html) == []
    assert html.count('aria-current="page"') == 0


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/no/such/page/", "/offline/"])
def test_the_skip_link_is_the_first_link_and_leads_to_the_main_content(db, url):
    html = Client().get(url).content.decode()
    body = html[html.index("<body"):]
    assert re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0) == (
        '<a class="skip-link" href="#main">'
    )
    assert '<main class="container my-4 flex-grow-1" id="main" tabindex="-1">' in html


def test_logged_in_the_skip_link_still_comes_before_the_navigation(logged_in_client):
    body = logged_in_client.get("/today/").content.decode().split("<body", 1)[1]
    assert body.index("Skip to main content") < body.index('class="navbar-brand')
