"""The week page's two day-by-day tables, each row drawn in one Python call: as template tags and filters, their
fourteen rows cost more than the rest of the page's content (issue 11). The cells are those the template drew."""

from django.utils.formats import date_format, localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

from foods.figures import show
from journal.templating.ledger import amount_cell, number_cells, short_date
from journal.templating.navigation import url_of

NOTHING = "–"  # nothing logged or recorded


def week_row(day):
    """A Day's row of the magnesium and symptoms table: its date linking to its page, then magnesium from food,
    supplements and both, the share of the goal ("≥" for a lower bound) and the symptom means; "nothing logged"
    across the row of a day without a record."""
    link = (f'<th scope="row"><a class="d-inline-block py-2 lh-lg" href="{escape(url_of("journal:day", day.day))}">'
            f"{escape(short_date(day.day))}</a></th>")
    if not day.logged:
        return mark_safe(f'<tr>{link}<td colspan="7" class="text-body-secondary">nothing logged</td></tr>')
    magnesium, percent = day.magnesium, day.percent_of_goal
    share = NOTHING if percent is None else mark_safe(f"{'&ge;' if magnesium.lower_bound else ''}{localize(percent)}%")
    cells = (
        ("", amount_cell(day.food_magnesium)),
        ("", NOTHING if day.recorded_supplement_mg is None else show(day.recorded_supplement_mg, "mg")),
        (" fw-semibold", amount_cell(magnesium)),
        ("", share),
        *(("", NOTHING if mean is None else show(mean, "score")) for mean in day.summary_score_means),
    )
    return mark_safe(f"<tr>{link}{number_cells(cells)}</tr>")


def panel_row(day):
    """A Day's row of the fluid and electrolytes table: sodium, potassium and fluid, then the highest heart-rate
    rise on standing."""
    when = (f'<th scope="row" class="text-nowrap">{escape(date_format(day.day, "D j"))}'
            f'<span class="d-none d-sm-inline"> {escape(date_format(day.day, "M"))}</span></th>')
    rise = NOTHING if day.hr_rise_bpm_max is None else show(day.hr_rise_bpm_max, "bpm")
    cells = (*(("", amount_cell(amount)) for amount in (day.sodium, day.potassium, day.fluid)), ("", rise))
    return mark_safe(f"<tr>{when}{number_cells(cells)}</tr>")
