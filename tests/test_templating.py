"""The pages' Jinja2 templates print values as Django's own template language did, and fail loudly where a template
would otherwise show a person Python's insides (mgtracker/templating.py)."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.templatetags.tz import do_timezone as template_timezone
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journal.models import Profile
from mgtracker.templating import Jinja2


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_dates_datetimes_and_numbers_print_as_django_printed_them():
    with timezone.override("America/New_York"):
        page = render("{{ day }} | {{ moment }} | {{ amount }} | {{ count }} | {{ nothing }}",
                      day=date(2026, 11, 3), moment=datetime(2026, 11, 3, 2, 30, tzinfo=UTC),
                      amount=Decimal("12.50"), count=1234, nothing=None)
    # 02:30 UTC is 21:30 the evening before in New York.
    assert page == "Nov. 3, 2026 | Nov. 2, 2026, 9:30 p.m. | 12.50 | 1234 | None"


def test_the_date_and_time_filters_read_a_datetime_in_the_current_time_zone():
    with timezone.override("America/New_York"):
        page = render('{{ moment|date("D j M Y") }} {{ moment|time("H:i") }}',
                      moment=datetime(2026, 11, 3, 2, 30, tzinfo=UTC))
    assert page == "Mon 2 Nov 2026 21:30"


def test_the_same_moment_reads_in_each_persons_own_zone_however_often_it_is_shown():
    moment = datetime(2026, 6, 1, 12, tzinfo=UTC)
    in_berlin = template_timezone(moment, ZoneInfo("Europe/Berlin"))
    in_new_york = template_timezone(moment, ZoneInfo("America/New_York"))
    page = render('{% for at in moments %}{{ at|time("H:i T") }}, {{ at|date("j M Y H:i O") }}; {% endfor %}',
                  moments=[in_berlin, in_new_york, in_berlin, in_new_york])
    assert page == 2 * "14:00 CEST, 1 Jun 2026 14:00 +0200; 08:00 EDT, 1 Jun 2026 08:00 -0400; "


def test_default_takes_over_for_any_false_value_as_in_django():
    assert render('{{ zero|default("–") }} {{ empty|default("–") }} {{ shown|default("–") }}',
                  zero=0, empty="", shown=7) == "– – 7"


def test_values_are_escaped_and_safe_markup_is_not():
    assert render("{{ text }} {{ url('journal:today') }}", text='<b>"fish" & chips</b>') == (
        "&lt;b&gt;&#34;fish&#34; &amp; chips&lt;/b&gt; /today/")


def test_a_method_printed_without_its_brackets_fails_rather_than_showing_its_insides():
    with pytest.raises(TypeError, match="printed uncalled"):
        render("{{ day.isoformat }}", day=date(2026, 11, 3))
    assert render("{{ day.isoformat() }}", day=date(2026, 11, 3)) == "2026-11-03"


def test_a_pages_forms_share_one_csrf_token_that_the_server_accepts(logged_in_client, user):
    page = logged_in_client.get("/today/").content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    # The day page draws a dozen forms (the day's marks, each one-tap, log out); one token serves them all.
    assert len(tokens) == 1
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = logged_in_client.cookies
    marks = reverse("journal:day_marks", args=[Profile.for_user(user).today()])
    response = checked.post(marks, {"csrfmiddlewaretoken": tokens.pop(), "food_complete": "true"}, follow=True)
    assert "Food log complete" in response.content.decode()


def test_a_name_the_page_was_not_given_prints_nothing_with_debug_on_too(settings):
    settings.DEBUG = True  # as under `make run`: Django's backend would print "{{ nothing }}"
    engine = Jinja2({"NAME": "debug", "DIRS": [], "APP_DIRS": False,
                     "OPTIONS": {"environment": "mgtracker.templating.environment"}})
    assert engine.from_string("[{{ nothing }}][{{ day.nothing }}]").render({"day": date(2026, 11, 3)}) == "[][]"
