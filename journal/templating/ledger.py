"""Filters for the ledger's figures in long tables (the week page, insights, the doctor report): a year's report
draws a thousand cells and thousands of dates, so each is one Python call rather than an included template. The
report's own tables are drawn whole in journal/templating/report.py."""

from functools import lru_cache

from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language


def number_cells(cells):
    """<td class="text-end..."> for each (extra classes, text), the text escaped: the long tables' rows, drawn in one
    call each (journal/templating/week.py, report.py)."""
    return "".join(f'<td class="text-end{extra}">{conditional_escape(text)}</td>' for extra, text in cells)


def amount_cell(amount):
    """One Amount (journal.ledger) in a table cell: "382 mg", "≥ 61 mg" for a lower bound, "no data", "–" for
    nothing logged."""
    if amount.total is None:
        return "no data" if amount.foods else "–"
    return format_html("&ge;&nbsp;{}", amount.figure) if amount.lower_bound else amount.figure


def short_date(day):
    """"Mon 2 Nov", as {{ day|date("D j M") }} writes it, formatted once a process for each date and language."""
    return dated(day, "D j M", get_language())


def short_dates(dates):
    """"Mon 2 Nov, Tue 3 Nov"."""
    language = get_language()
    return ", ".join(dated(day, "D j M", language) for day in dates)


@lru_cache(maxsize=8192)
def dated(day, format, language):
    """`day` as {{ day|date(format) }} writes it. The language is part of the key: day and month names are
    translated. A date's text never changes."""
    return date_format(day, format)
