from datetime import timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.ledger import LOWER_BOUND, NO_FIGURE, NOTHING_LOGGED
from journal.models import Profile
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
    [[same_day, _]] = insights.comparisons  # magnesium only: no clinician's targets
    dizziness = same_day.rows[0]
    assert (same_day.what, same_day.lag, dizziness.label) == ("magnesium", 0, "Dizziness")
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
    assert not response.context["insights"].comparisons[0][0].rows[0].enough_days
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
    # Session, user, profile, and the ledger's nine (the days' stamps, then eight).
    with django_assert_num_queries(12):
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

    [_, [same_day, _]] = response.context["insights"].comparisons
    dizziness = same_day.rows[0]
    assert same_day.what == "fluid"
    # At target: days 1-7, dizziness 2; below: days 8-19 alternate 5 and 6 -> 5.5.
    assert (dizziness.at_goal_days, dizziness.below_goal_days) == (7, 12)
    assert (dizziness.at_goal_mean, dizziness.below_goal_mean) == (Decimal("2.0"), Decimal("5.5"))
    assertContains(response, "Symptoms and heart-rate rise on days at and below your fluid target")
    assertContains(response, "not what caused what")


def test_insights_wait_for_the_clinicians_targets(logged_in_client, six_weeks):
    response = logged_in_client.get("/insights/?days=28")

    insights = response.context["insights"]
    assert ([by_lag[0].what for by_lag in insights.comparisons], insights.without_target) == (
        ["magnesium"], ["fluid", "sodium"])
    assertContains(response, "once your clinician's targets")


@pytest.fixture
def salty_and_bland_days(woman_of_40, today, log_food):
    """Twelve days, today back to 11 days ago. Even days: 100 g of a salty food, 400 mg magnesium and 3,000 mg
    sodium, at the 320 mg RDA and at a 3,000 mg sodium target; heart-rate rise 20 + n / 2 bpm (20 to 25),
    dizziness 2. Odd days: 100 g of a bland food, 100 mg magnesium and 500 mg sodium, below both; rise 40 bpm,
    dizziness 6."""
    profile = Profile.for_user(woman_of_40)
    profile.sodium_target_g, profile.sodium_target_as = Decimal(3), "sodium"  # 3 g of sodium = 3,000 mg
    profile.save()
    salty = make_food("Salty", magnesium_mg=400, sodium_mg=3000)
    bland = make_food("Bland", magnesium_mg=100, sodium_mg=500)
    for n in range(12):
        day = today - timedelta(days=n)
        log_food(salty if n % 2 == 0 else bland, 100, day=day)
        rise = 20 + n // 2 if n % 2 == 0 else 40
        write_note(woman_of_40, day, dizziness=2 if n % 2 == 0 else 6, heart_rate_lying=60,
                   heart_rate_standing=60 + rise)
    return woman_of_40


def test_insights_compare_the_heart_rate_rise_and_symptoms_with_the_same_and_the_previous_days_intake(
    logged_in_client, salty_and_bland_days, django_assert_num_queries
):
    with django_assert_num_queries(12):  # as many as with magnesium alone
        response = logged_in_client.get("/insights/?days=28")

    magnesium, sodium = response.context["insights"].comparisons
    assert response.context["insights"].without_target == ["fluid"]
    for same_day, previous_day in (magnesium, sodium):
        assert [row.label for row in same_day.rows] == ["Dizziness", "Fatigue", "Anxiety", "Heart-rate rise"]
        rise, dizziness = same_day.rows[3], same_day.rows[0]
        # Same day: at goal the even days, (20 + 21 + 22 + 23 + 24 + 25) / 6 = 22.5 bpm; below the odd ones, 40.
        assert (rise.at_goal_mean, rise.at_goal_days, rise.below_goal_mean, rise.below_goal_days) == (
            Decimal("22.5"), 6, Decimal("40.0"), 6)
        assert (dizziness.at_goal_mean, dizziness.below_goal_mean) == (Decimal("2.0"), Decimal("6.0"))
        # The day after: an odd day follows an even one (at goal), an even day an odd one (below). Day 11's day
        # before has nothing logged and does not count: 5 odd days (1-9) at 40 bpm and dizziness 6 against
        # 6 even days (0-10) at 22.5 bpm and dizziness 2.
        rise, dizziness = previous_day.rows[3], previous_day.rows[0]
        assert (rise.at_goal_mean, rise.at_goal_days, rise.below_goal_mean, rise.below_goal_days) == (
            Decimal("40.0"), 5, Decimal("22.5"), 6)
        assert (dizziness.at_goal_mean, dizziness.below_goal_mean) == (Decimal("6.0"), Decimal("2.0"))
        assert rise.enough_days  # 5 a side is the minimum
    # The trend: the last 7 days' rises, (20 + 40 + 21 + 40 + 22 + 40 + 23) / 7 = 206 / 7 = 29.43, shown 29.4.
    assert response.context["insights"].chart["hr_rise_bpm"][-1] == 29.4
    assertContains(response, '<td class="text-end">29.4 bpm</td>', html=True)
    assertContains(response, "Symptoms and heart-rate rise on days at and below your sodium target")
    assertContains(response, "The previous day&#39;s sodium")
    assertContains(
        response, '<td class="text-end">40.0 bpm <span class="text-body-secondary small">(5 days)</span></td>',
        html=True,
    )
    assertContains(response, "not what caused what")


def test_insights_take_the_previous_days_intake_from_the_day_before_the_period(
    logged_in_client, woman_of_40, today, log_food, pumpkin_seeds
):
    first = today - timedelta(days=27)
    log_food(pumpkin_seeds, 1, "1 cup", day=first - timedelta(days=1))  # 763.68 mg: at goal, outside the 28 days
    write_note(woman_of_40, first, heart_rate_lying=60, heart_rate_standing=90)  # a rise of 30 bpm
    log_food(pumpkin_seeds, 1, "1 cup")  # today counts, so the page shows its comparisons; it has no rise

    response = logged_in_client.get("/insights/?days=28")

    [[same_day, previous_day]] = response.context["insights"].comparisons
    assert (same_day.rows[3].at_goal_days, same_day.rows[3].below_goal_days) == (0, 0)  # nothing logged that day
    assert (previous_day.rows[3].at_goal_mean, previous_day.rows[3].at_goal_days) == (Decimal("30.0"), 1)
    # One day is fewer than five: no difference is shown.
    assert not previous_day.rows[3].enough_days
    assertContains(response, "not enough days yet (1 at goal, 0 below, with a heart-rate rise)")
