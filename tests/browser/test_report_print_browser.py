"""Four weeks of the doctor report printed to PDF by Chromium, on A4 and on US Letter: at most three pages, with the
chart and the day-by-day table on them."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from journal.models import Profile
from tests.builders import log_dose, log_food, make_food, make_product, pumpkin_seeds, spinach, write_note
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = date(2026, 10, 26)  # a Monday; the four weeks end on Sunday 22 November
DAYS = [FIRST + timedelta(days=n) for n in range(28)]


@pytest.fixture
def four_busy_weeks(user):
    """Every day two foods and a dose of one of two products; every other day a food without a magnesium figure;
    every third day a symptom note with heart rates and a sentence of text: more than most people log."""
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    seeds, leaves = pumpkin_seeds(), spinach()
    tea = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], magnesium_mg=None)
    products = [make_product(user, name=name, brand="", form=form, label_compound_mg=None, label_elemental_mg=141)
                for name, form in (("Calm Mg glycinate", "glycinate"), ("Mag citrate", "citrate"))]
    for n, day in enumerate(DAYS):
        log_food(user, seeds, 1, day, portion="1 oz")
        log_food(user, leaves, 1, day, meal="lunch", portion="1 cup")
        if n % 2:
            log_food(user, tea, 1, day, meal="dinner", portion="1 cup")
        log_dose(user, day, product=products[n % 2])
        if n % 3 == 0:
            write_note(user, recorded_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=8),
                       heart_rate_lying=60 + n % 7, heart_rate_standing=98 + n % 11,
                       text="Dizzy on standing after breakfast, better after lunch and two glasses of water.")
    return user


def log_in_to_the_report(page, user):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"/accounts/login/?next=/report/%3Fstart%3D{DAYS[0]}%26end%3D{DAYS[-1]}")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/report/?start=*")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_four_weeks_print_on_at_most_three_pages_with_the_chart_and_the_table(page, four_busy_weeks, paper):
    log_in_to_the_report(page, four_busy_weeks)
    # The chart is drawn from the page's figures: 28 days, the tea days only lower bounds.
    drawn = page.evaluate("() => Chart.getChart('report-chart').data.datasets[0].data.length")
    assert drawn == 28
    page.emulate_media(media="print")
    # Laid out for paper, the chart stays within the report's width (static/css/print.css) and keeps its height.
    assert page.evaluate("""() => {
        const chart = document.getElementById('report-chart').getBoundingClientRect();
        const report = document.getElementById('report').getBoundingClientRect();
        return chart.right <= report.right + 1 && chart.height > 100;
    }""")
    pdf = PdfReader(BytesIO(page.pdf(format=paper)))
    assert len(pdf.pages) <= 3, f"{len(pdf.pages)} pages on {paper}"
    text = "\n".join(sheet.extract_text() for sheet in pdf.pages)
    assert "Day by day" in text and "Week by week" in text and "Supplements taken" in text
    # The first and the last day of the table, each with its figures:
    # Monday 26 Oct: 1 oz seeds 167.83 mg + 1 cup spinach (79 mg/100 g x 30 g = 23.7 mg) = 191.53 mg food, 192 mg;
    # with 141 mg of supplements, 332.53 mg, shown as 333 mg.
    assert "Mon 26 Oct" in text and "333 mg" in text
    assert "Sun 22 Nov" in text
    assert "at least" in text  # the tea days are lower bounds, and the table says so
    # The chart is printed: Chromium puts the canvas on the page as an image.
    assert sum(len(sheet.images) for sheet in pdf.pages) >= 1
    assert "mgtracker" in text and "Log out" not in text  # the page, not the navigation
