"""The navigation bar's links, the one for the page being read marked as current (for sight and screen readers),
and links reversed once a process for pages that draw many (the day page: some seventy, three for each food)."""

import re
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# A stand-in for each kind of argument row_url reverses once, and how an argument of that kind reads in a URL (the
# int and date converters' to_url; a str as it is when reverse() would neither quote nor refuse it, as for the meal
# names in the day page's links, else None). A URL whose stand-ins cannot be told apart in it is reversed each time.
PLAIN_WORD = re.compile(r"[A-Za-z0-9_-]+")
STAND_INS = {int: (7_357_913, str), date: (date(1111, 11, 11), date.isoformat),
             str: ("stand-in-7357913", lambda text: text if PLAIN_WORD.fullmatch(text) else None)}

# Pages that are no navigation item themselves, and the item they sit under; every page of the foods app sits
# under Foods.
UNDER = {
    "journal:day": "journal:today",
    "journal:week_of": "journal:week",
    **{f"journal:{page}": "journal:supplements"
       for page in ("product_add", "product_edit", "product_delete", "dose_add", "dose_edit", "dose_delete")},
    **{f"journal:{page}": "journal:symptoms" for page in ("symptom_add", "symptom_edit", "symptom_delete")},
    **{f"journal:{page}": "journal:labs" for page in ("lab_add", "lab_edit", "lab_delete")},
    **{f"journal:medicine_{page}": "journal:medicines"
       for page in ("add", "edit", "delete", "dose_add", "dose_edit", "dose_delete")},
}


def section_of(match):
    if match is None:  # a page not found
        return None
    if match.app_name == "foods":
        return "foods:list"
    return UNDER.get(match.view_name, match.view_name)


# What marks the link to the page being read, and any other: (a class, an attribute). Every page draws a dozen
# links, so they are written here rather than by a template rendered for each.
MARKS = {True: (mark_safe(" active"), mark_safe(' aria-current="page"')), False: ("", "")}


def nav_link(context, view_name, label, title=""):
    """<a class="nav-link"> to the named page, with aria-current="page" when the page read is under it."""
    current = section_of(context["request"].resolver_match) == view_name
    return _nav_link(context["row_url"](view_name), label, title, current)


@lru_cache(maxsize=256, typed=True)  # typed: a label already marked safe is not escaped
def _nav_link(url, label, title, current):
    """Written once a process for each link, label and state: every page draws a dozen."""
    active, aria_current = MARKS[current]
    title_attribute = format_html(' title="{}"', title) if title else ""
    # The newline the page had when a template drew each link.
    return format_html('<a class="nav-link{}"{} href="{}"{}>{}</a>\n', active, aria_current, url, title_attribute,
                       label)


def urls_here():
    """row_url(view_name, *args) for the URL configuration and script prefix in force now, read once: a page's render
    binds it (mgtracker/templating.py), for reading them (thread-locals) was two thirds of each link's time. It gives
    reverse(view_name, args=args), the pattern reversed once a process and the arguments put in their places:
    {{ row_url("journal:meal_edit", entry.pk) }} where url() would reverse it again each row."""
    urlconf = get_urlconf()
    known = _known_pieces(settings.ROOT_URLCONF, urlconf, get_script_prefix())

    def url(view_name, *args):
        kinds = tuple(map(type, args))
        try:
            pieces = known[view_name, kinds]
        except KeyError:
            pieces = known[view_name, kinds] = _pieces(view_name, kinds, urlconf)
        if pieces is None:
            return reverse(view_name, args=args)
        url = pieces[0]
        for arg, piece in zip(args, pieces[1:], strict=True):
            text = STAND_INS[type(arg)][1](arg)
            if text is None:
                return reverse(view_name, args=args)
            url += text + piece
        return url

    return url


@lru_cache(maxsize=16)
def _known_pieces(root_urlconf, urlconf, script_prefix):
    """The pieces (below) of each URL reversed so far under one URL configuration and script prefix. Its keys are
    the view names and argument kinds the templates name, a few dozen."""
    return {}


def _pieces(view_name, kinds, urlconf):
    """The URL split around its arguments' places; None when an argument has no stand-in or its place is unclear."""
    if any(kind not in STAND_INS for kind in kinds):
        return None
    stand_ins = [STAND_INS[kind][0] for kind in kinds]
    rest, pieces = reverse(view_name, args=stand_ins, urlconf=urlconf), []
    for stand_in, kind in zip(stand_ins, kinds, strict=True):
        text = STAND_INS[kind][1](stand_in)
        before, found, rest = rest.partition(text)
        if not found or text in rest:
            return None
        pieces.append(before)
    return (*pieces, rest)
