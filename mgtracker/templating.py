"""The pages' template language: Jinja2, through Django's own backend.

Why not Django's template language: the day, Today and week pages draw some four hundred values each, and Django's
engine resolved every one node by node, about two thirds of each page's time (issue 11, measured by `make bench`).
Jinja2 compiles each template to Python once. What the pages print stays as Django printed it: values pass through
`shown` (dates, times and numbers in the active language's formats, datetimes in the current time zone), and the
filters below are Django's own where Jinja2 has none or one that means something else (`default` keeps Django's
sense: any false value, not only an undefined one).

Django's template language still draws what third-party apps bring: crispy's form layouts (through `crispy` and
`as_crispy_field` here) and the admin.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import jinja2
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.middleware.csrf import get_token
from django.template import defaultfilters
from django.template.backends import jinja2 as backend
from django.template.backends.utils import csrf_input
from django.templatetags.static import static
from django.templatetags.tz import do_timezone
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils.formats import localize
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from foods.templating.figures import figure
from journal.templating import ledger, medicines, navigation, report, symptoms, week


class Jinja2(backend.Jinja2):
    """Django's Jinja2 backend, its templates telling the test client what they drew (response.context,
    assertTemplateUsed) as Django's own engine does. With nobody listening, as when serving, that is one check."""

    def from_string(self, template_code):
        return Template(super().from_string(template_code).template, self)

    def get_template(self, template_name):
        return Template(super().get_template(template_name).template, self)


class Template(backend.Template):
    def __init__(self, template, backend):
        super().__init__(template, backend)
        self.name = template.name

    def render(self, context=None, request=None):
        context = {} if context is None else context
        template_rendered.send(sender=self, template=self, context=context)
        # The URL configuration read once a page, not once for each of its seventy-odd links.
        context["row_url"] = navigation.urls_here()
        if request is not None:
            context["request"] = request
            # Worked out once a page, when first printed: Django's backend masks a new token each time, a quarter of
            # the day page's drawing with its fifteen forms.
            context["csrf_input"] = HtmlOnceNeeded(lambda: csrf_input(request))
            context["csrf_token"] = SimpleLazyObject(lambda: get_token(request))
            for context_processor in self.backend.template_context_processors:
                context.update(context_processor(request))
        return super().render(context)


class HtmlOnceNeeded:
    """HTML worked out when a page first prints it and kept for the rest: the CSRF field, printed in each of the day
    page's fifteen forms, and not at all (nor its cookie set) on a page with none. Cheaper to print than a
    SimpleLazyObject, whose every look at it (is it a str? a date?) goes through the object it wraps."""

    def __init__(self, make):
        self.make = make
        self.html = None

    def __html__(self):
        if self.html is None:
            self.html = self.make()
        return self.html

    __str__ = __html__


def shown(value):
    """`value` as Django's template language prints it (render_value_in_context), before escaping.

    Django's language calls a method named without its brackets; Jinja2 would print "<bound method ...>", so a page
    that does fails instead, in the tests, rather than showing that to a person. A name the page was not given prints
    nothing, as in Django's language (Jinja2's Undefined is callable, but is no method)."""
    if isinstance(value, str | jinja2.Undefined):
        return value
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() gives, without looking up the language's three number formats
    if callable(value):
        raise TypeError(f"{value!r} printed uncalled: write it with () in the template")
    return localize(template_localtime(value))


def url(view_name, *args, **kwargs):
    """{{ url("journal:day", day) }}: reverse() for a link drawn once on a page; row_url for one drawn in each row."""
    return reverse(view_name, args=args, kwargs=kwargs)


def date(value, format=None):
    if type(value) is datetime.date:  # never changes: written once a process (and language), not once a page
        return ledger.dated(value, format, get_language())
    return _in_words(defaultfilters.date, template_localtime(value), format)


def time(value, format=None):
    return _in_words(defaultfilters.time, template_localtime(value), format)


def _in_words(django_filter, value, format):
    """What Django's date or time filter writes for `value`, the moment's text kept once worked out when its zone
    is a ZoneInfo: then its wall time, fold and zone say which moment it is and how it reads (an aware datetime's
    equality would not: the same instant in two zones reads two ways)."""
    if isinstance(value, datetime.datetime) and type(value.tzinfo) is ZoneInfo:
        return _moment_in_words(django_filter, value.replace(tzinfo=None), value.fold, value.tzinfo, format,
                                get_language())
    return django_filter(value, format)


@lru_cache(maxsize=4096)
def _moment_in_words(django_filter, wall_time, fold, zone, format, language):
    return django_filter(wall_time.replace(tzinfo=zone, fold=fold), format)


@jinja2.pass_context
def crispy(context, form, helper=None):
    """{{ crispy(form) }}, as {% crispy form %} was: the form laid out by its helper, with the page's context (its
    CSRF token)."""
    return render_crispy_form(form, helper, context=context.get_all())


@jinja2.pass_context
def nav_link(context, view_name, label, title=""):
    return navigation.nav_link(context, view_name, label, title)


GLOBALS = {
    "url": url,
    "static": static,
    "nav_link": nav_link,
    "crispy": crispy,
    "kidney_note": medicines.kidney_note,
    "week_rows": week.week_rows,
    "panel_rows": week.panel_rows,
    "report_week_rows": report.report_week_rows,
    "report_day_rows": report.report_day_rows,
    "report_adherence_rows": report.report_adherence_rows,
    "report_notes": report.report_notes,
    "explained_items": ledger.explained_items,
    "period_summary": ledger.period_summary,
}

FILTERS = {
    # Django's, where Jinja2 has none or means something else by the name.
    "date": date,
    "time": time,
    "timezone": do_timezone,
    "default": defaultfilters.default,
    "default_if_none": defaultfilters.default_if_none,
    "capfirst": defaultfilters.capfirst,
    "pluralize": defaultfilters.pluralize,
    "yesno": defaultfilters.yesno,
    "linebreaksbr": defaultfilters.linebreaksbr,
    "json_script": defaultfilters.json_script,
    "urlencode": defaultfilters.urlencode,
    # The project's.
    "figure": figure,
    "amount_cell": ledger.amount_cell,
    "score_label": symptoms.score_label,
    "crispy": as_crispy_form,
    "as_crispy_field": as_crispy_field,
}


def environment(**options):
    # A name a page was not given prints nothing, as in Django's language, with DEBUG on too (Django's backend would
    # print it as "{{ name }}" then); a file's last newline is kept, as Django's engine keeps it (the service worker).
    options["undefined"] = jinja2.Undefined
    env = jinja2.Environment(finalize=shown, keep_trailing_newline=True, **options)
    env.globals.update(GLOBALS)
    env.filters.update(FILTERS)
    return env
