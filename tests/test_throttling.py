"""Log-in, sign-up and password reset are throttled (django-axes): after 5 failures for one account or from one
address, a page says so and asks to wait 15 minutes; after the wait the right password works again."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import F
from django.db.models.signals import pre_save
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from tests.conftest import PASSWORD

LIMIT = 5


def from_address(ip):
    return Client(REMOTE_ADDR=ip)


def fail_logins(client, username, times=LIMIT):
    for _ in range(times):
        response = client.post("/accounts/login/", {"username": username, "password": "wrong-guess"})
    return response


def sixteen_minutes_pass():
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))


def test_four_wrong_passwords_still_let_the_right_one_in(client, user):
    assertContains(fail_logins(client, "alice", LIMIT - 1), "Please enter a correct username and password")
    assertRedirects(client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}), "/today/")


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, user):
    response = fail_logins(client, "alice")
    assertContains(response, "Too many attempts: wait 15 minutes", status_code=429)

    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assertContains(response, "too many failed attempts to log in as <strong>alice</strong>", status_code=429)
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_from_every_address(user):
    fail_logins(from_address("203.0.113.1"), "alice")
    response = from_address("198.51.100.7").post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429


def test_the_lock_is_per_address_for_every_account(user, other_user):
    attacker = from_address("203.0.113.1")
    for name in ("carol", "dave", "erin", "frank", "grace"):
        fail_logins(attacker, name, times=1)
    assert attacker.post("/accounts/login/", {"username": "bob", "password": PASSWORD}).status_code == 429
    # Someone else, elsewhere, logs in as usual.
    response = from_address("198.51.100.7").post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assertRedirects(response, "/today/")


def test_after_the_wait_the_right_password_logs_in(client, user):
    fail_logins(client, "alice")
    sixteen_minutes_pass()
    assertRedirects(client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}), "/today/")


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(settings, user):
    settings.TRUSTED_PROXIES = 1
    proxy = "127.0.0.1"
    # The client wrote a fake address first; the proxy appended the real one.
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.1")
    for name in ("carol", "dave", "erin", "frank", "grace"):
        fail_logins(attacker, name, times=1)
    assert AccessAttempt.objects.filter(ip_address="203.0.113.1").count() == LIMIT
    neighbour = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assertRedirects(neighbour.post("/accounts/login/", {"username": "alice", "password": PASSWORD}), "/today/")


def signup(client, username):
    password = "salt-and-magnesium-42"
    return client.post("/accounts/signup/", {"username": username, "password1": password, "password2": password})


def test_probing_usernames_through_sign_up_is_throttled(client, user):
    for _ in range(LIMIT - 1):
        assertContains(signup(client, "alice"), "A user with that username already exists.")
    assertContains(signup(client, "alice"), "Too many attempts", status_code=429)
    assertContains(signup(client, "someone-new"), "Too many attempts", status_code=429)


@pytest.mark.parametrize("attempt", ["sign-up", "log-in"])
def test_a_failure_that_collides_with_another_being_counted_is_still_counted(client, user, attempt):
    """The race two tabs ran into on PostgreSQL: this request finds no row and inserts one, but another request
    inserted it first, and a successful log-in cleared it again before axes looked a second time."""
    collided = []

    def another_request_counts_first(sender, instance, **kwargs):
        if instance._state.adding and not collided:
            collided.append(instance.username)
            # Inside the insert's savepoint: rolled back with it, so the row is gone when axes looks again.
            AccessAttempt.objects.create(
                username=instance.username,
                ip_address=instance.ip_address,
                user_agent=instance.user_agent,
                attempt_time=instance.attempt_time,
                failures_since_start=1,
            )

    pre_save.connect(another_request_counts_first, sender=AccessAttempt)
    try:
        response = signup(client, "alice") if attempt == "sign-up" else fail_logins(client, "alice", times=1)
    finally:
        pre_save.disconnect(another_request_counts_first, sender=AccessAttempt)

    assert collided == ["alice"]
    assert response.status_code == 200
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 1


def test_a_locked_out_address_cannot_sign_up(client, user):
    fail_logins(client, "alice")
    assert signup(client, "someone-new").status_code == 429


def test_password_reset_mails_are_limited_per_address(client, user):
    for _ in range(LIMIT - 1):
        response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})
        assertRedirects(response, "/accounts/password_reset/done/")
    for _ in range(3):
        response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})
        assertContains(response, "Too many attempts", status_code=429)
    assert len(mail.outbox) == LIMIT


@pytest.mark.parametrize("email", ["alice@example.com", "nobody@example.com"])
def test_password_reset_mails_are_limited_per_email_from_every_address(user, email):
    for n in range(LIMIT):
        from_address(f"203.0.113.{n + 1}").post("/accounts/password_reset/", {"email": email})
    response = from_address("198.51.100.7").post("/accounts/password_reset/", {"email": email})
    assert response.status_code == 429
