"""Every page but the public ones sends a logged-out visitor to log in.

The URL list is read from the resolver, so a view added later is covered without
editing this test.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# /shared/: a doctor opens a shared report by its token alone (tests/journal/test_share_links.py).
PUBLIC_PREFIXES = ("/accounts/login/", "/accounts/signup/", "/accounts/password_reset/", "/accounts/reset/", "/shared/")
# The service worker and the offline page it keeps: fetched once for the whole site, and naming nobody.
PUBLIC_PAGES = {"/", "/service-worker.js", "/offline/"}
SAMPLE_ARGUMENTS = {"int": "1", "str": "x", "slug": "x", "path": "x", "date": "2026-01-15"}


def app_urls(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin has its own login page, tested by Django
            yield from app_urls(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + fill_in(route)


def fill_in(route):
    import re

    def sample(match):
        converter = match.group(1) or "str"
        return SAMPLE_ARGUMENTS.get(converter, "1")

    return re.sub(r"<(?:(\w+):)?\w+>", sample, route).lstrip("^").rstrip("$")


PRIVATE_URLS = sorted(
    url for url in set(app_urls()) if url not in PUBLIC_PAGES and not url.startswith(PUBLIC_PREFIXES)
)


def test_the_url_list_covers_the_apps():
    assert "/today/" in PRIVATE_URLS
    assert "/foods/" in PRIVATE_URLS
    assert "/accounts/password_change/" in PRIVATE_URLS


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_logged_out_visitor_is_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302, url
    target = urlsplit(response["Location"])
    assert target.path == "/accounts/login/"
    assert target.query.startswith("next=")
