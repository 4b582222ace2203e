"""Filters for the ledger's figures in long tables (the week page, insights, the doctor report): a year's report
draws a thousand cells and thousands of dates, so each is one Python call rather than an included template."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from foods.figures import show

register = template.Library()


@register.filter
def amount_cell(amount):
    """One Amount (journal.ledger) in a table cell: "382 mg", "≥ 61 mg" for a lower bound, "no data", "–" for
    nothing logged."""
    if amount.total is None:
        return "no data" if amount.foods else "–"
    return format_html("&ge;&nbsp;{}", amount.figure) if amount.lower_bound else amount.figure


@register.simple_tag
def report_day_row(day):
    """A Day's row of the doctor report's day-by-day table: the date, then magnesium from food, supplements and
    both, the goal, its share, sodium, potassium and fluid. "≥" where a total is a lower bound, "–" without a
    figure. Drawn in one call: a year's table is 365 of them."""
    magnesium, food = day.magnesium, day.food_magnesium
    at_least = "≥ " if magnesium.lower_bound else ""
    cells = (
        ("", "–" if food.total is None else f"{'≥ ' if food.lower_bound else ''}{food.figure}"),
        ("", "–" if day.recorded_supplement_mg is None else show(day.recorded_supplement_mg, "mg")),
        (" fw-semibold", "–" if magnesium.total is None else f"{at_least}{magnesium.figure}"),
        ("", f"{localize(day.goal.mg)} mg"),
        ("", "–" if day.percent_of_goal is None else f"{at_least}{localize(day.percent_of_goal)}%"),
        *(("", amount_cell(amount)) for amount in (day.sodium, day.potassium, day.fluid)),
    )
    # Joined by hand, each cell escaped: format_html_join took as long as the template it replaced.
    return mark_safe(
        f'<th scope="row" class="text-nowrap fw-normal">{escape(short_date(day.day))}</th>'
        + "".join(f'<td class="text-end{extra}">{conditional_escape(text)}</td>' for extra, text in cells)
    )


@register.simple_tag
def report_note(note):
    """A written SymptomNote as the report's Notes list gives it: the date, the scores, the heart rates when both were
    taken, and the text with its line breaks. In one call: a year holds hundreds of notes."""
    heart_rates = ""
    if note.heart_rate_lying and note.heart_rate_standing:
        heart_rates = (f"; heart rate\n      {localize(note.heart_rate_lying)} lying, "
                       f"{localize(note.heart_rate_standing)} standing")
    return mark_safe(
        f'<p class="mb-2"><strong>{escape(short_date(note.date))}</strong>: dizziness {localize(note.dizziness)}, '
        f"fatigue {localize(note.fatigue)},\n      anxiety {localize(note.anxiety)}{heart_rates}. "
        f"{linebreaksbr(note.text, autoescape=True)}</p>"
    )


@register.filter
def short_date(day):
    """"Mon 2 Nov", as {{ day|date:"D j M" }} writes it, formatted once a process for each date and language."""
    return _short_date(day, get_language())


@register.filter
def short_dates(dates):
    """"Mon 2 Nov, Tue 3 Nov"."""
    language = get_language()
    return ", ".join(_short_date(day, language) for day in dates)


@lru_cache(maxsize=4096)
def _short_date(day, language):
    # The language is part of the key: day and month names are translated. A date's text never changes.
    return date_format(day, "D j M")
