import re

from django.contrib.auth import get_user_model
from django.core import mail
from pytest_django.asserts import assertContains, assertRedirects

from tests.conftest import PASSWORD


def test_signup_creates_a_user_with_a_hashed_password_and_logs_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {"username": "dana", "email": "", "password1": "salt-and-magnesium-42", "password2": "salt-and-magnesium-42"},
    )
    assertRedirects(response, "/profile/start/")  # the first-run step, then Today
    dana = get_user_model().objects.get(username="dana")
    assert dana.password.startswith("pbkdf2_sha256$")
    assert "salt-and-magnesium-42" not in dana.password
    assert client.get("/today/").status_code == 200


def test_signup_refuses_mismatched_passwords_and_saves_nothing(client, db):
    response = client.post(
        "/accounts/signup/", {"username": "dana", "password1": "salt-and-magnesium-42", "password2": "other-42-xyz"}
    )
    assertContains(response, "The two password fields didn’t match.")
    assert not get_user_model().objects.filter(username="dana").exists()


def test_signup_refuses_a_taken_username(client, user):
    response = client.post(
        "/accounts/signup/",
        {"username": "alice", "password1": "salt-and-magnesium-42", "password2": "salt-and-magnesium-42"},
    )
    assertContains(response, "A user with that username already exists.")


def test_login_with_the_right_password_lands_on_today(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assertRedirects(response, "/today/")


def test_login_with_a_wrong_password_says_so(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assertContains(response, "Please enter a correct username and password")


def test_logout_needs_a_post_and_ends_the_session(logged_in_client):
    assert logged_in_client.get("/accounts/logout/").status_code == 405
    assertRedirects(logged_in_client.post("/accounts/logout/"), "/")
    assertRedirects(logged_in_client.get("/today/"), "/accounts/login/?next=/today/")


def test_password_change(logged_in_client, user):
    response = logged_in_client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "new-salt-and-magnesium-7",
            "new_password2": "new-salt-and-magnesium-7",
        },
    )
    assertRedirects(response, "/accounts/password_change/done/")
    user.refresh_from_db()
    assert user.check_password("new-salt-and-magnesium-7")


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user):
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "reset-salt-and-magnesium-9", "new_password2": "reset-salt-and-magnesium-9"}
    )
    assertRedirects(response, "/accounts/reset/done/")
    user.refresh_from_db()
    assert user.check_password("reset-salt-and-magnesium-9")


def test_landing_page_is_public_and_sends_members_to_today(client, logged_in_client, db):
    from django.test import Client

    assertContains(Client().get("/"), "Create a free account")
    assertRedirects(logged_in_client.get("/"), "/today/")


def test_every_page_carries_the_medical_disclaimer(client, db):
    assertContains(client.get("/accounts/login/"), "It is not medical advice")
