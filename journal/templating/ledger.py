"""Filters for the ledger's figures in long tables (the week page, insights, the doctor report): a year's report
draws a thousand cells and thousands of dates, so each is one Python call rather than an included template. The
report's own tables are drawn whole in journal/templating/report.py."""

import html
from functools import lru_cache

from django.utils.formats import date_format, localize
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language

from foods.figures import show


def number_cells(cells):
    """<td class="text-end..."> for each (extra classes, text), the text escaped: the long tables' rows, drawn in one
    call each (journal/templating/week.py, report.py)."""
    return "".join([_number_cell(extra, text) for extra, text in cells])


@lru_cache(maxsize=8192, typed=True)  # typed: text already marked safe is not escaped, a str equal to it is
def _number_cell(extra, text):
    """A cell kept once drawn: a long table's cells hold a few hundred texts."""
    return f'<td class="text-end{extra}">{escaped(text)}</td>'


def escaped(text):
    """conditional_escape(text), byte for byte, without its look for lazy translations, none of which reaches a
    cell: that look was a third of a long table's drawing. HTML stays as it is, any other text is escaped."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


def amount_cell(amount):
    """One Amount (journal.ledger) in a table cell: "382 mg", "≥ 61 mg" for a lower bound, "no data", "–" for
    nothing logged."""
    if amount.total is None:
        return "no data" if amount.foods else "–"
    return _total_cell(amount.total, amount.measure.kind, amount.lower_bound)


@lru_cache(maxsize=8192, typed=True)
def _total_cell(total, kind, lower_bound):
    """An Amount's known total in a cell, its figure as Amount.figure writes it. Kept once worked out: a year's
    tables repeat the same few hundred totals, and rounding one is a Decimal quantize and a format."""
    figure = figure_text(total, kind)
    return mark_safe(f"&ge;&nbsp;{escaped(figure)}") if lower_bound else figure


@lru_cache(maxsize=8192, typed=True)
def figure_text(value, kind):
    """show(value, kind), kept once worked out: a year's report shows the same few hundred figures (a dose of 71 mg,
    a mean score of 4.1) in thousands of cells. Equal values print alike, since show() rounds each to its kind's
    precision (-0 to 0); typed, so that a float is never answered with what an equal Decimal printed."""
    return show(value, kind)


def explained_items(explained):
    """The <li> of each line of journal.ledger.explained, [(what, [date])]: "What, on Mon 2 Nov, Tue 3 Nov.", drawn
    in one call: a week has some forty such lines and a year's report hundreds, each a loop turn, two filters and
    a look-up of the language in the template. Spaced as that loop spaced them. A year's lines name some three
    thousand dates of at most 366 days: each day's text is looked up once."""
    language = get_language()
    named = {day: dated_html(day, "D j M", language) for day in set().union(*(dates for _, dates in explained))}
    return mark_safe("".join(
        f"\n  <li>{_what_html(what)}, on {', '.join(map(named.__getitem__, dates))}.</li>\n  "
        for what, dates in explained
    ))


@lru_cache(maxsize=4096, typed=True)  # typed: text already marked safe is not escaped, a str equal to it is
def _what_html(what):
    """A line's text as |capfirst and escaping print it, kept once worked out: every week and report opens its
    lines with the same few dozen notes, and capfirst (lazy-aware) and escaping were half of drawing a line."""
    return escaped(capfirst(what))


@lru_cache(maxsize=8192)
def dated(day, format, language):
    """`day` as {{ day|date(format) }} writes it. The language is part of the key: day and month names are
    translated. A date's text never changes."""
    return date_format(day, format)


@lru_cache(maxsize=8192)
def dated_html(day, format, language):
    """dated(), escaped: a year's report prints each of its days four times over."""
    return escaped(dated(day, format, language))


def localized(number, language):
    """localize(number), a whole number worked out once a process for each number and language: a year's report
    repeats the same few hundred (scores, heart rates, goals, percentages) thousands of times in four tables, and
    localize() looks up the language and its formats on every call. Only ints are kept: Decimal("1.0") and
    Decimal("1.00") are equal, and a cache would print both alike."""
    return _localized_int(number, language) if type(number) is int else localize(number)


@lru_cache(maxsize=4096)
def _localized_int(number, language):
    return localize(number)
