"""A person deletes their account and every row of theirs after typing their password."""

import pytest
from django.apps import apps
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from journal.models import DayMark, DoctorGoal, SavedMeal
from tests.builders import log_dose, log_food, make_food, spinach, write_note
from tests.conftest import PASSWORD


def every_row():
    """(model, pk) of every row of every table of the site."""
    return {(model._meta.label, pk) for model in apps.get_models() for pk in model.objects.values_list("pk", flat=True)}


def fill_diary(user, shared_food):
    mine = make_food("My granola", source="custom", owner=user, magnesium_mg=150, portions=[("1 bowl", "60")])
    entries = [log_food(user, shared_food, 85), log_food(user, mine, "1", portion="1 bowl")]
    SavedMeal.create_from(user, "usual", entries)
    log_dose(user, elemental_mg=120)
    write_note(user, text="tired")
    DayMark.objects.create(user=user, date=entries[0].date, food_complete=True)
    DoctorGoal.objects.create(user=user, start=entries[0].date, mg=400)


def test_deleting_the_account_leaves_no_row_of_theirs_in_any_table(client, make_user, frozen_now):
    food = spinach()
    fill_diary(make_user("bob"), food)
    before = every_row()  # bob's diary and the shared food stay
    alice = make_user("alice")
    fill_diary(alice, food)
    Client().force_login(alice)  # her phone, still logged in
    client.force_login(alice)
    assertRedirects(client.post("/profile/delete/", {"password": PASSWORD}), "/", fetch_redirect_response=False)
    assert every_row() == before
    assert client.get("/today/").status_code == 302  # logged out


def test_a_wrong_password_deletes_nothing(logged_in_client, user, frozen_now):
    fill_diary(user, spinach())
    before = every_row()
    response = logged_in_client.post("/profile/delete/", {"password": "not-my-password"})
    assertContains(response, "That is not your password: nothing was deleted.")
    assert every_row() == before


def test_the_form_asks_for_the_password(logged_in_client):
    assertContains(logged_in_client.get("/profile/delete/"), 'type="password"')


@pytest.mark.django_db
def test_deleting_needs_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/profile/delete/", {"password": PASSWORD}).status_code == 403
    assert type(user).objects.filter(pk=user.pk).exists()
