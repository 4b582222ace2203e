"""row_url (journal.templating.navigation.urls_here) reverses a pattern once a process and puts each row's
arguments in their places: every link must be the one reverse() gives."""

from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse

from journal.templating.navigation import urls_here
from tests.builders import log_food, pumpkin_seeds, spinach


def url_of(view_name, *args):
    return urls_here()(view_name, *args)


@pytest.mark.parametrize(("view_name", "args"), [
    ("journal:today", ()),
    ("journal:day", (date(2026, 11, 28),)),
    ("journal:day", (date(1, 1, 1),)),
    ("journal:day_marks", (date(2026, 2, 3),)),
    ("journal:meal_edit", (7,)),
    ("journal:meal_edit", (12345678901,)),
    ("journal:meal_delete", (1,)),
    ("journal:meal_copy", (date(2026, 11, 28), "breakfast")),
    ("journal:saved_meal_create", (date(2026, 11, 28), "snack")),
    # Text reverse() quotes or refuses goes through reverse() itself.
    ("journal:meal_copy", (date(2026, 11, 28), "café au lait")),
    ("journal:meal_copy", (date(2026, 11, 28), "a?b#c")),
])
def test_it_gives_the_url_reverse_gives(view_name, args):
    assert url_of(view_name, *args) == reverse(view_name, args=args)


def test_a_text_reverse_refuses_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        url_of("journal:meal_copy", date(2026, 11, 28), "a/b")


def test_a_second_row_gets_its_own_arguments_not_the_firsts():
    assert url_of("journal:meal_edit", 3) == "/meals/3/edit/"
    assert url_of("journal:meal_copy", date(2026, 1, 9), "lunch") == "/day/2026-01-09/lunch/copy/"
    assert url_of("journal:meal_copy", date(2026, 1, 10), "dinner") == "/day/2026-01-10/dinner/copy/"
    assert url_of("journal:meal_edit", 41) == "/meals/41/edit/"
    assert url_of("journal:day", date(2026, 1, 9)) == "/day/2026-01-09/"


def test_the_day_page_links_each_food_to_its_own_edit_and_delete_pages(logged_in_client, user, frozen_now):
    day = date(2026, 11, 28)
    seeds = log_food(user, pumpkin_seeds(), 30, day=day)
    leaves = log_food(user, spinach(), 100, day=day)
    page = logged_in_client.get(reverse("journal:day", args=[day])).content.decode()
    for entry in (seeds, leaves):
        assert f'href="/meals/{entry.pk}/edit/"' in page
        assert f'href="/meals/{entry.pk}/delete/"' in page
        assert f'action="/meals/{entry.pk}/again/"' in page
