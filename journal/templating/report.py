"""The doctor report's long tables and its notes, each drawn whole in one call (templates/journal/includes/
report_article.html): a year's report holds 365 days, 53 weeks, a row of adherence a week for each product and
medicine, and hundreds of notes, and drawing each cell through the template engine took most of the page's time.

The cells hold figures, dates and fixed words, written as the templates they replace wrote them ({{ value }} and
|date, foods.figures.show); dates and what a person typed (names, note text) are escaped as the templates did.
"""

from functools import lru_cache

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from journal.templating.ledger import (
    NOTHING,
    amount_cell,
    dated_html,
    escaped,
    figure_text,
    localized,
    number_cells,
)


def report_week_rows(weeks):
    """The rows of the week-by-week table, one per Period of journal.ledger.Period.weeks(): the Monday, the days
    that count, the daily means of magnesium from food, supplements and both, the days at goal and the symptom
    means."""
    language = get_language()
    rows = []
    for week in weeks:
        scores = (("", NOTHING if mean is None else figure_text(mean, "score")) for mean in week.symptom_means.values())
        cells = (
            ("", _of(len(week.counted), len(week.days), language)),
            ("", figure_text(week.mean_food_mg, "mg")),
            ("", figure_text(week.mean_supplement_mg, "mg")),
            (" fw-semibold", figure_text(week.mean_total_mg, "mg")),
            ("", localized(week.goal_met_days, language)),
            *scores,
        )
        rows.append(f'<tr><th scope="row" class="text-nowrap">{dated_html(week.first, "D j M Y", language)}</th>'
                    f"{number_cells(cells)}</tr>")
    return mark_safe("\n".join(rows))


@lru_cache(maxsize=1024)
def _of(part, whole, language):
    return f"{localized(part, language)} of {localized(whole, language)}"


def report_day_rows(days):
    """The rows of the day-by-day table, one per Day: the date, then magnesium from food, supplements and both, the
    goal, its share, sodium, potassium and fluid. "≥" where a total is a lower bound, "–" without a figure."""
    language = get_language()
    return mark_safe("\n".join(_day_row(day, language) for day in days))


def _day_row(day, language):
    # One f-string a row, each cell's text kept once worked out: a year draws 3,285 cells of a few hundred values.
    magnesium, food, supplement_mg = day.magnesium, day.food_magnesium, day.recorded_supplement_mg
    at_least = magnesium.lower_bound
    return (
        f'<tr><th scope="row" class="text-nowrap fw-normal">{dated_html(day.day, "D j M", language)}</th>'
        f'<td class="text-end">{_magnesium(food.total, food.lower_bound)}</td>'
        f'<td class="text-end">{NOTHING if supplement_mg is None else figure_text(supplement_mg, "mg")}</td>'
        f'<td class="text-end fw-semibold">{_magnesium(magnesium.total, at_least)}</td>'
        f'{_goal_cells(day.goal.mg, day.percent_of_goal, at_least, language)}'
        f'<td class="text-end">{amount_cell(day.sodium)}</td><td class="text-end">{amount_cell(day.potassium)}</td>'
        f'<td class="text-end">{amount_cell(day.fluid)}</td></tr>'
    )


@lru_cache(maxsize=4096, typed=True)
def _magnesium(total, lower_bound):
    """Magnesium in mg, "≥ " before a lower bound, "–" without a figure."""
    return NOTHING if total is None else f"{'≥ ' if lower_bound else ''}{figure_text(total, 'mg')}"


@lru_cache(maxsize=4096)
def _goal_cells(goal_mg, percent, at_least, language):
    """The goal and the share of it reached, "≥" before the share of a lower bound."""
    of_goal = NOTHING if percent is None else f"{'≥ ' if at_least else ''}{localized(percent, language)}%"
    return f'<td class="text-end">{localized(goal_mg, language)} mg</td><td class="text-end">{of_goal}</td>'


def report_adherence_rows(adherence):
    """The rows of the adherence table: for each journal.adherence.Adherence, its name, kind and start heading its
    weeks, then each week's days taken, none taken, not recorded and counted."""
    language = get_language()
    rows = []
    for item in adherence:
        heading = (f'<th scope="rowgroup" rowspan="{localized(len(item.weeks), language)}" class="fw-normal">'
                   f'{escaped(item.name)}<div class="small text-body-secondary">{escaped(item.kind)}, from '
                   f'{dated_html(item.since, "j M Y", language)}</div></th>')
        for week in item.weeks:
            counts = (week.taken, week.none_taken, week.not_recorded, week.counted)
            rows.append(f'<tr>{heading}<td class="text-nowrap">{dated_html(week.first, "j M Y", language)}</td>'
                        f"{number_cells(('', localized(count, language)) for count in counts)}</tr>")
            heading = ""
    return mark_safe("\n".join(rows))


def report_notes(notes):
    """The written notes (rows of journal.report.WRITTEN_NOTES), each with its date, the scores, the heart rates when
    both were taken, and the text with its line breaks."""
    language = get_language()
    return mark_safe("\n".join(_note(note, language) for note in notes))


def _note(note, language):
    return (f'<p class="mb-2"><strong>{dated_html(note["date"], "D j M", language)}</strong>: '
            f"{_scores(note['dizziness'], note['fatigue'], note['anxiety'], language)}"
            f"{_heart_rates(note['heart_rate_lying'], note['heart_rate_standing'], language)}. "
            f"{_with_line_breaks(note['text'])}</p>")


@lru_cache(maxsize=4096)
def _scores(dizziness, fatigue, anxiety, language):
    return (f"dizziness {localized(dizziness, language)}, fatigue {localized(fatigue, language)},\n      anxiety "
            f"{localized(anxiety, language)}")


@lru_cache(maxsize=4096)
def _heart_rates(lying, standing, language):
    """The heart rates when both were taken."""
    if not (lying and standing):
        return ""
    return f"; heart rate\n      {localized(lying, language)} lying, {localized(standing, language)} standing"


def _with_line_breaks(text):
    """The text escaped, its line breaks as <br> (|linebreaksbr); most notes are one line, and escaping alone is a
    fifth of the filter's cost."""
    return linebreaksbr(text, autoescape=True) if "\n" in text or "\r" in text else escaped(text)
