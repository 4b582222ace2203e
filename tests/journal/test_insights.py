from datetime import timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.ledger import LOWER_BOUND, NO_FIGURE, NOTHING_LOGGED
from tests.builders import add_drink, log_dose, make_food, write_note


@pytest.fixture
def six_weeks(woman_of_40, today, log_food, pumpkin_seeds, spinach):
    """Eight days at goal and twelve below, with dizziness lower on the days at goal; then a gap."""
    for n in range(20):
        day = today - timedelta(days=n)
        if n < 8:
            log_food(pumpkin_seeds, 1, "1 cup", day=day)  # 763.68 mg, shown as 764: above the 320 mg RDA
            write_note(woman_of_40, day, dizziness=2)
        else:
            log_food(spinach, 1, "1 cup", day=day)  # 23.70 mg, shown as 24
            log_dose(woman_of_40, day, elemental_mg="100")  # 124 mg in all: below the goal
            write_note(woman_of_40, day, dizziness=5 + n % 2)
    return woman_of_40


def test_insights_average_only_the_days_that_count(logged_in_client, six_weeks):
    response = logged_in_client.get("/insights/?days=28")
    period = response.context["insights"].period
    assert (len(period.counted), period.goal_met_days) == (20, 8)
    # (8 x 764 + 12 x 124) / 20 days = 7,600 / 20 = 380; the 8 empty days of the 28 do not count as 0 mg.
    assert period.mean_total_mg == Decimal("380")
    # Food (8 x 764 + 12 x 24) / 20 = 320; supplements 12 x 100 / 20 = 60.
    assert (period.mean_food_mg, period.mean_supplement_mg) == (Decimal("320"), Decimal("60"))
    assertContains(response, '20 <span class="fs-6 text-body-secondary">of 28</span>')
    assertContains(response, "380 mg")
    assertContains(response, '8 <span class="fs-6 text-body-secondary">of 20 (40%)</span>')
    assertContains(response, "8 days (nothing logged)")


def test_insights_compare_symptoms_on_days_at_and_below_the_goal(logged_in_client, six_weeks):
    insights = logged_in_client.get("/insights/?days=28").context["insights"]
    dizziness = insights.comparisons[0]
    assert dizziness.score == "dizziness"
    # Below goal: days 8-19 alternate 5 and 6 -> 5.5; at goal: always 2.
    assert (dizziness.at_goal_mean, dizziness.below_goal_mean) == (Decimal("2.0"), Decimal("5.5"))
    assert (dizziness.at_goal_days, dizziness.below_goal_days) == (8, 12)
    assert dizziness.enough_days


def test_insights_hold_back_a_comparison_with_too_few_days(logged_in_client, woman_of_40, today, log_food,
                                                          pumpkin_seeds, spinach):
    for n in range(3):
        log_food(pumpkin_seeds, 1, "1 cup", day=today - timedelta(days=n))
        write_note(woman_of_40, today - timedelta(days=n), dizziness=1)
    for n in range(3, 10):
        log_food(spinach, 1, "1 cup", day=today - timedelta(days=n))
        write_note(woman_of_40, today - timedelta(days=n), dizziness=7)
    response = logged_in_client.get("/insights/")
    assert not response.context["insights"].comparisons[0].enough_days
    assertContains(response, "not enough days yet (3 at goal, 7 below, with a score)")


def test_insights_chart_leaves_unlogged_days_empty_and_smooths_over_seven_days(logged_in_client, six_weeks):
    chart = logged_in_client.get("/insights/?days=28").context["insights"].chart
    assert len(chart["labels"]) == 28
    assert chart["total_mg"][:8] == [None] * 8  # the oldest 8 days have nothing logged
    assert chart["total_mg"][-1] == 764
    assert chart["rolling_mg"][-1] == 764  # the last 7 days are all at 764 mg
    assert chart["goal_mg"][-1] == 320


def test_insights_period_defaults_to_eight_weeks_and_ignores_odd_values(logged_in_client, six_weeks):
    def days_shown(query):
        return len(logged_in_client.get(f"/insights/{query}").context["insights"].period.days)

    assert (days_shown(""), days_shown("?days=99999999"), days_shown("?days=84")) == (56, 56, 84)


def test_insights_with_nothing_logged_say_so(logged_in_client, woman_of_40):
    response = logged_in_client.get("/insights/")
    assertContains(response, "No day of these weeks counts yet")
    assertContains(response, "56 days (nothing logged)")
    assertNotContains(response, "insights-data")


def test_insights_leave_out_other_users(logged_in_client, woman_of_40, other_user, log_food, pumpkin_seeds):
    log_food(pumpkin_seeds, 1, "1 cup", owner=other_user)
    response = logged_in_client.get("/insights/")
    assert response.context["insights"].period.counted == []


def test_insights_run_a_fixed_number_of_queries(logged_in_client, six_weeks, django_assert_num_queries):
    # Session, user, profile, and the ledger's eight.
    with django_assert_num_queries(11):
        logged_in_client.get("/insights/?days=84")


def test_insights_leave_out_days_of_unknown_magnesium_and_flag_lower_bounds(logged_in_client, woman_of_40, today,
                                                                            log_food, spinach):
    tea = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], magnesium_mg=None, sodium_mg=1)
    log_food(tea, 1, "1 cup", day=today)  # no magnesium figure at all: the day's total is unknown
    log_food(tea, 1, "1 cup", day=today - timedelta(days=1))
    log_food(spinach, 1, "1 cup", day=today - timedelta(days=1))  # 23.70 mg, a lower bound
    response = logged_in_client.get("/insights/?days=28")
    period = response.context["insights"].period
    assert period.left_out == [(NOTHING_LOGGED, 26), (NO_FIGURE, 1), (LOWER_BOUND, 1)]
    assert period.mean_total_mg is None  # neither day is known: no average, and no 0 mg
    assertContains(response, "1 day (no food logged has a magnesium figure)")
    assertContains(response, "1 day (some foods have no magnesium figure, so the total is only a lower bound)")


def test_insights_compare_symptoms_with_the_days_fluid_against_the_clinicians_target(
    logged_in_client, six_weeks, today, log_food
):
    profile = six_weeks.profile
    profile.fluid_target_ml = 2000
    profile.save()
    for n in range(20):
        # Days 0-7: 1 cup of pumpkin seeds, 129 g x 5.23 g/100 g = 6.75 ml, + 2,000 ml = 2,006.75 ml: at the target.
        # Days 8-19: 1 cup of spinach, 30 g x 91.40 g/100 g = 27.42 ml, + 250 ml = 277.42 ml: below it.
        add_drink(six_weeks, 2000 if n < 8 else 250, today - timedelta(days=n))
    # Day 0 also has a food without a water figure: its fluid is a lower bound, so it is left out.
    log_food(make_food("Mystery stew", magnesium_mg=10), 100)

    response = logged_in_client.get("/insights/?days=28")

    [(what, comparisons)] = response.context["insights"].target_comparisons
    dizziness = comparisons[0]
    assert what == "Fluid"
    # At target: days 1-7, dizziness 2; below: days 8-19 alternate 5 and 6 -> 5.5.
    assert (dizziness.at_goal_days, dizziness.below_goal_days) == (7, 12)
    assert (dizziness.at_goal_mean, dizziness.below_goal_mean) == (Decimal("2.0"), Decimal("5.5"))
    assertContains(response, "Symptoms on days at and below your fluid target")
    assertContains(response, "not what caused what")


def test_insights_wait_for_the_clinicians_targets(logged_in_client, six_weeks):
    response = logged_in_client.get("/insights/?days=28")

    assert response.context["insights"].target_comparisons == []
    assertContains(response, "once your clinician's targets")
