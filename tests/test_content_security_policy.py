"""Every response carries a strict Content-Security-Policy, and no page needs inline script or style."""

import re

import pytest
from django.test import Client

from tests.every_page import diary_of, every_page

POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; " \
         "frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'"


def policy_directives(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def test_every_page_of_a_user_with_a_diary_carries_the_policy_and_no_inline_code(logged_in_client, user):
    pages = every_page(diary_of(user))
    assert len(pages) > 40
    for url in pages:
        response = logged_in_client.get(url)
        assert response.status_code in (200, 302, 405), url  # 405: an action that needs a POST
        assert policy_directives(response) == set(POLICY.split("; ")), url
        html = response.content.decode()
        assert not re.search(r"<[^>]+\sstyle=", html), f"inline style attribute on {url}"
        assert not re.search(r"<[^>]+\son[a-z]+=", html), f"inline event handler on {url}"
        assert not re.search(r"<style", html), f"style element on {url}"
        for script in re.findall(r"<script[^>]*>", html):
            assert " src=" in script or 'type="application/json"' in script, f"inline script on {url}: {script}"


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/", "/no/such/page/"])
def test_public_pages_and_errors_carry_it_too(db, url):
    response = Client().get(url)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
