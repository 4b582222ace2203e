"""The week page's two day-by-day tables, each body drawn in one Python call: as template tags and filters, their
fourteen rows cost more than the rest of the page's content (issue 11). The cells are those the template drew."""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from journal.templating.ledger import NOTHING, amount_cell, dated_html, escaped, figure_text, localized, number_cells


def week_rows(days, row_url):
    """The body of the magnesium and symptoms table, a row for each Day: its date linking to its page (by the page's
    row_url), then magnesium from food, supplements and both, the share of the goal ("≥" for a lower bound) and the
    symptom means; "nothing logged" across the row of a day without a record. The language is read once for the week
    (a thread-local, a third of a row's time when read for each)."""
    language = get_language()
    return _table_body([_week_row(day, language, row_url) for day in days], "    ")


def _table_body(rows, indent):
    """The rows as one piece of HTML, spaced as the template's loop over them spaced them: one piece to print rather
    than a loop turn and an escape for each row."""
    return mark_safe(f"\n{indent}" + "".join(f"\n{indent}  {row}\n{indent}" for row in rows))


def _week_row(day, language, url):
    link = (f'<th scope="row"><a class="d-inline-block py-2 lh-lg" href="{escaped(url("journal:day", day.day))}">'
            f'{dated_html(day.day, "D j M", language)}</a></th>')
    if not day.logged:
        return f'<tr>{link}<td colspan="7" class="text-body-secondary">nothing logged</td></tr>'
    magnesium, percent = day.magnesium, day.percent_of_goal
    at_least = "&ge;" if magnesium.lower_bound else ""
    share = NOTHING if percent is None else mark_safe(f"{at_least}{localized(percent, language)}%")
    cells = (
        ("", amount_cell(day.food_magnesium)),
        ("", NOTHING if day.recorded_supplement_mg is None else figure_text(day.recorded_supplement_mg, "mg")),
        (" fw-semibold", amount_cell(magnesium)),
        ("", share),
        *(("", NOTHING if mean is None else figure_text(mean, "score")) for mean in day.summary_score_means),
    )
    return f"<tr>{link}{number_cells(cells)}</tr>"


def panel_rows(days):
    """The body of the fluid and electrolytes table, a row for each Day: sodium, potassium and fluid, then the
    highest heart-rate rise on standing."""
    language = get_language()
    return _table_body([_panel_row(day, language) for day in days], "      ")


def _panel_row(day, language):
    when = (f'<th scope="row" class="text-nowrap">{dated_html(day.day, "D j", language)}'
            f'<span class="d-none d-sm-inline"> {dated_html(day.day, "M", language)}</span></th>')
    rise = NOTHING if day.hr_rise_bpm_max is None else figure_text(day.hr_rise_bpm_max, "bpm")
    cells = (*(("", amount_cell(amount)) for amount in (day.sodium, day.potassium, day.fluid)), ("", rise))
    return f"<tr>{when}{number_cells(cells)}</tr>"
