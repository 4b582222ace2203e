from datetime import date, timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.builders import log_dose, make_food, write_note

MONDAY = date(2026, 11, 2)
CALM = "Calm Mg glycinate"


@pytest.fixture
def two_weeks(woman_of_40, log_food, pumpkin_seeds, spinach):
    """Week 1: three days of 1 oz pumpkin seeds (167.83 mg). Week 2: two days of 1 cup (763.68 mg) and a dose."""
    for n in range(3):
        log_food(pumpkin_seeds, 1, "1 oz", day=MONDAY + timedelta(days=n))
    for n in (7, 8):
        log_food(pumpkin_seeds, 1, "1 cup", day=MONDAY + timedelta(days=n))
    log_dose(woman_of_40, MONDAY + timedelta(days=8), elemental_mg="400", name=CALM)  # above the 350 mg upper limit
    log_dose(woman_of_40, MONDAY + timedelta(days=10), elemental_mg="141", name=CALM)  # a day with no food logged
    write_note(woman_of_40, MONDAY, dizziness=6, fatigue=4, anxiety=2, heart_rate_lying=62, heart_rate_standing=104,
               text="Dizzy on standing after breakfast")
    write_note(woman_of_40, MONDAY + timedelta(days=7), dizziness=3, fatigue=4, anxiety=2)
    return woman_of_40


def get_report(client, start="2026-11-02", end="2026-11-15"):
    return client.get("/report/", {"start": start, "end": end})


def test_report_sums_up_the_period_week_by_week(logged_in_client, two_weeks):
    response = get_report(logged_in_client)
    report = response.context["report"]
    assert (report.days, report.intake_days, report.goal_met_days, report.days_above_upper_limit) == (14, 5, 2, 1)
    # (3 x 167.83 + 763.68 + 763.68 + 400) / 5 days with food
    assert report.mean_total_mg == Decimal("486.2")
    first, second = report.weeks
    assert (first.week_start, first.intake_days, first.total_mg) == (MONDAY, 3, Decimal("167.8"))
    assert (second.intake_days, second.food_mg, second.supplement_mg, second.total_mg) == (
        2, Decimal("763.7"), Decimal("200.0"), Decimal("963.7")
    )
    assert (first.dizziness, second.dizziness) == (Decimal("6.0"), Decimal("3.0"))
    assertContains(response, "Food logged on 5 of 14 days")
    assertContains(response, "RDA for females 31-50 years")
    assertContains(response, "Supplements went above the upper limit on 1 day.")


def test_report_lists_supplements_and_written_notes(logged_in_client, two_weeks):
    response = get_report(logged_in_client)
    assert response.context["report"].supplements == [{
        "product_name": "Calm Mg glycinate", "form": "glycinate", "form_label": "Glycinate (bisglycinate)",
        "doses": 2, "elemental_mg": Decimal("541.00"),
    }]
    assertContains(response, "541.00 mg")
    assertContains(response, "Dizzy on standing after breakfast")
    assertContains(response, "62 lying, 104 standing")


def test_report_defaults_to_the_last_four_weeks(logged_in_client, woman_of_40, today):
    report = logged_in_client.get("/report/").context["report"]
    assert (report.first, report.last, report.days) == (today - timedelta(days=27), today, 28)


def test_report_refuses_a_bad_period_with_a_message(logged_in_client, woman_of_40):
    response = get_report(logged_in_client, start="2026-11-15", end="2026-11-01")
    assert response.context["report"] is None
    assertContains(response, "The end comes before the start.")


def test_report_leaves_out_other_users(logged_in_client, two_weeks, other_user):
    log_dose(other_user, MONDAY, elemental_mg="999", name="Bob's secret magnesium")
    response = get_report(logged_in_client)
    assertNotContains(response, "secret magnesium")
    assert response.context["report"].supplements[0]["elemental_mg"] == Decimal("541.00")


def test_report_runs_a_fixed_number_of_queries(logged_in_client, two_weeks, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        get_report(logged_in_client, start="2026-01-01", end="2026-11-15")


def test_report_says_when_totals_are_lower_bounds(logged_in_client, woman_of_40, log_food):
    mystery = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], magnesium_mg=None)
    log_food(mystery, 1, "1 cup", day=MONDAY)
    response = get_report(logged_in_client)
    assert response.context["report"].incomplete_days == 1
    assertContains(response, "those totals are lower bounds")
