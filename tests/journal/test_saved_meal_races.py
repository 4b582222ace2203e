"""One saved-meal name sent from several tabs at once: saved once, the others get the form's message, no 500.

The form checks the name before writing; the database's unique_saved_meal_name settles the race between the
check and the write, and the form turns that refusal back into its message.
"""

from django.conf import settings
from django.test import Client

from journal.forms.meals import SavedMealForm
from journal.models import MealEntry, SavedMeal
from tests.concurrent import post_at_once

TABS = 8


def test_a_name_taken_after_the_check_gets_the_forms_message(user, log_food, spinach, today):
    entries = MealEntry.objects.filter(pk=log_food(spinach, 30).pk)
    form = SavedMealForm({"name": "Usual breakfast"}, user=user, entries=entries)
    assert form.is_valid()
    SavedMeal.objects.create(user=user, name="usual breakfast")  # another tab, between the check and the write

    assert form.save() is None
    assert form.errors["name"] == ['You already have a saved meal called "Usual breakfast"; choose another name.']
    assert SavedMeal.objects.filter(user=user).count() == 1


def test_saving_one_name_from_several_tabs_at_once_saves_it_once(live_server, user, log_food, spinach, today):
    log_food(spinach, 30)
    client = Client()
    client.force_login(user)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    url = f"{live_server.url}/day/{today.isoformat()}/breakfast/save/"
    statuses = post_at_once(url, [{"name": "Usual breakfast"}] * TABS, session_key)

    assert sorted(statuses) == [200] * (TABS - 1) + [302]  # the others see the form again, with its message
    assert SavedMeal.objects.filter(user=user).count() == 1
