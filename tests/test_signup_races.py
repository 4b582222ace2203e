"""One username signed up from several tabs at once: created once, the others get the form's message, no 500."""

from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains

from mgtracker.forms import SignupForm
from tests.concurrent import post_at_once

PASSWORD = "salt-and-magnesium-42"
# Each refused sign-up counts towards the throttle (5 from one address): stay below it.
TABS = 4


def test_a_username_taken_after_the_check_gets_the_forms_message(db):
    form = SignupForm({"username": "dana", "password1": PASSWORD, "password2": PASSWORD})
    assert form.is_valid()
    get_user_model().objects.create_user("dana")  # someone else, between the check and the write

    assert form.save() is None
    assert form.errors["username"] == ["A user with that username already exists."]
    assert get_user_model().objects.filter(username="dana").count() == 1


def test_the_signup_page_shows_the_message_when_it_loses_the_race(client, db, monkeypatch):
    get_user_model().objects.create_user("dana")
    # The form's own check ran before the other sign-up committed: it saw the name free.
    monkeypatch.setattr(SignupForm, "clean_username", lambda form: form.cleaned_data["username"])
    response = client.post("/accounts/signup/", {"username": "dana", "password1": PASSWORD, "password2": PASSWORD})
    assertContains(response, "A user with that username already exists.")


def test_signing_up_one_username_from_several_tabs_at_once_creates_it_once(live_server):
    form = {"username": "dana", "password1": PASSWORD, "password2": PASSWORD}
    statuses = post_at_once(f"{live_server.url}/accounts/signup/", [form] * TABS)
    assert sorted(statuses) == [200] * (TABS - 1) + [302]
    assert get_user_model().objects.filter(username="dana").count() == 1
