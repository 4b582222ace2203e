"""Filters for the ledger's figures in long tables (the week page, insights, the doctor report): a year's report
draws a thousand cells and thousands of dates, so each is one Python call rather than an included template. The
report's own tables are drawn whole in journal/templating/report.py."""

import html
from functools import lru_cache

from django.template.defaultfilters import pluralize
from django.utils.formats import date_format, localize
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language

from foods.figures import show

NOTHING = "–"  # a table cell with nothing logged or recorded


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
        return "no data" if amount.foods else NOTHING
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


def period_summary(period):
    """A Period (journal.ledger) summed up in words, as templates/journal/includes/period_summary.html prints it on
    the week page, insights and the report: the average over the days that count, the days at goal, which days
    were left out and why, and the symptom means. Drawn in one call, spaced as the template that drew it spaced it:
    its filters and loops cost more than the figures they print."""
    language = get_language()
    used = len(period.counted)
    if used:
        average = (
            f'<p class="mb-1 tabular">Magnesium: <strong>{_figure_html(period.mean_total_mg, "mg")}</strong> a day on '
            f'average\n  (food {_figure_html(period.mean_food_mg, "mg")}, supplements '
            f'{_figure_html(period.mean_supplement_mg, "mg")}),\n  {_number_html(period.mean_goal_percent, language)}%'
            f" of the goal, over the {_number_html(used, language)} day{pluralize(used)} that count"
            f'{pluralize(used, "s,")};\n  the goal was reached on {_number_html(period.goal_met_days, language)} of '
            f"{_number_html(used, language)} ({_number_html(period.goal_met_percent, language)}%).</p>"
        )
    else:
        average = ('<p class="mb-1">No day counts for an average yet: a day counts once its food is logged and every '
                   "food has a magnesium figure.</p>")
    left_out = "; ".join(f"{_number_html(count, language)} day{pluralize(count)} ({escaped(reason)})"
                         for reason, count in period.left_out)
    if left_out:
        left_out = f'\n<p class="small mb-1" data-testid="left-out">Left out of the average:\n  {left_out}.</p>\n'
    symptoms = " · ".join(
        f"{escaped(capfirst(name))} {'not scored' if mean is None else _figure_html(mean, 'score')}"
        for name, mean in period.symptom_means.items()
    )
    return mark_safe(f"\n\n\n{average}\n\n\n{left_out}\n<p class=\"mb-0 tabular\">Symptoms (mean of each scored "
                     f"day's average, 0-10):\n  {symptoms}.</p>")


def _figure_html(value, kind):
    """{{ value|figure(kind) }}"""
    return escaped(figure_text(value, kind))


def _number_html(number, language):
    """{{ number }}: a whole number (or None) as the template printed it."""
    return escaped(localized(number, language))


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
