"""Errors get pages in the app's own look that say what happened, and render without the database."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertTemplateUsed

from tests.builders import write_note

pytestmark = pytest.mark.urls("tests.error_urls")


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/fail/400/", 400, "That request could not be understood"),
        ("/fail/403/", 403, "You are not allowed to do that"),
        ("/no/such/page/", 404, "There is no such page"),
        ("/fail/500/", 500, "Something went wrong on our side"),
    ],
)
def test_error_pages_say_what_happened_in_the_apps_look_without_a_query(
    db, django_assert_num_queries, url, status, heading
):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(url)
    assertContains(response, heading, status_code=status, html=False)
    assertContains(response, "vendor/bootstrap/bootstrap.min.css", status_code=status)
    assertContains(response, "It is not medical advice", status_code=status)
    assertContains(response, 'href="/"', status_code=status)


def test_a_logged_in_users_missing_page_needs_no_query(logged_in_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = logged_in_client.get("/no/such/page/")
    assertContains(response, "Nothing is at <code>/no/such/page/</code>", status_code=404)


def test_another_users_entry_is_the_plain_404_page(logged_in_client, other_user):
    bobs_note = write_note(other_user)
    response = logged_in_client.get(f"/symptoms/{bobs_note.pk}/edit/")
    assertTemplateUsed(response, "404.html")
    assertContains(response, "There is no such page", status_code=404)


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_a_form_without_its_cookie_explains_cookies(csrf_client, db):
    response = csrf_client.post("/accounts/login/", {"username": "alice", "password": "x"})
    assertContains(response, "Your form could not be sent safely", status_code=403)
    assertContains(response, "did not send back the cookie", status_code=403)


def test_a_stale_form_explains_itself_and_links_back_to_the_form(csrf_client, db):
    csrf_client.get("/accounts/login/")  # sets the CSRF cookie
    response = csrf_client.post(
        "/accounts/login/",
        {"username": "alice", "password": "x", "csrfmiddlewaretoken": "x" * 64},
        HTTP_REFERER="http://testserver/accounts/login/?next=/today/",
    )
    assertContains(response, "Nothing was saved", status_code=403)
    assertContains(response, 'href="http://testserver/accounts/login/?next=/today/"', status_code=403)


def test_the_csrf_page_never_links_to_another_site(csrf_client, db):
    csrf_client.get("/accounts/login/")
    response = csrf_client.post(
        "/accounts/login/", {"csrfmiddlewaretoken": "x" * 64}, HTTP_REFERER="https://evil.example/phish"
    )
    assert response.status_code == 403
    assert b"evil.example" not in response.content
