from datetime import date, timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import MealEntry, Profile
from tests.builders import log_dose, log_food, make_food, run_stand_test, write_note

MONDAY = date(2026, 11, 23)


@pytest.fixture
def adult_woman(user, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    return user


@pytest.fixture
def almonds(db):
    return make_food("Nuts, almonds", source_id="12061", magnesium_mg=270)  # SR28 12061, per 100 g


def test_week_adds_food_and_supplements_per_day_against_the_rda(logged_in_client, adult_woman, pumpkin_seeds):
    # Half a cup of pumpkin seeds (64.5 g at 592 mg/100 g) and a 120 mg glycinate dose on Tuesday.
    log_food(adult_woman, pumpkin_seeds, "64.5", MONDAY + timedelta(days=1), meal="lunch")
    log_dose(adult_woman, MONDAY + timedelta(days=1), elemental_mg="120")
    response = logged_in_client.get(f"/week/{MONDAY + timedelta(days=3)}/")
    assertContains(response, "Week of Monday 23 November 2026")
    assertContains(response, "Daily goal: 320 mg (RDA for females 31-50 years). Each day is measured\n"
                             "  against the goal in force that day")
    tuesday = response.context["week"].days[1]
    # 592 mg/100 g x 64.5 g = 381.84 mg, shown as 382; 382 + 120 = 502.
    assert (tuesday.food_magnesium.total, tuesday.supplement_mg, tuesday.magnesium.total) == (382, 120, 502)
    assert tuesday.percent_of_goal == 157  # 502 / 320 = 156.9%
    # The row adds up as shown: 382 + 120 = 502.
    assertContains(response, '<td class="text-end">382 mg</td>', html=True)
    assertContains(response, '<td class="text-end">120 mg</td>', html=True)
    assertContains(response, '<td class="text-end fw-semibold">502 mg</td>', html=True)
    assert response.context["chart"]["food_mg"][:2] == [None, 382]  # an empty Monday is a gap, not 0 mg


def test_week_shows_the_daily_mean_of_symptom_scores(logged_in_client, adult_woman):
    write_note(adult_woman, MONDAY, dizziness=6, fatigue=3)
    write_note(adult_woman, MONDAY, dizziness=3, fatigue=4)
    response = logged_in_client.get(f"/week/{MONDAY}/")
    monday = response.context["week"].days[0]
    assert monday.mean_score("dizziness") == Decimal("4.5")
    assert response.context["chart"]["fatigue"][0] == 3.5
    assert response.context["chart"]["dizziness"][1] is None


def test_week_leaves_out_other_users_and_other_weeks(logged_in_client, adult_woman, other_user, spinach):
    log_food(other_user, spinach, 30, MONDAY)
    log_food(adult_woman, spinach, 30, MONDAY - timedelta(days=1))
    response = logged_in_client.get(f"/week/{MONDAY}/")
    assert all(not day.logged for day in response.context["week"].days)
    assertContains(response, '<td colspan="7" class="text-body-secondary">nothing logged</td>', count=7, html=True)


def test_week_page_runs_the_same_queries_however_long_the_history(logged_in_client, adult_woman, almonds,
                                                                   django_assert_num_queries):
    for n in range(120):
        day = MONDAY - timedelta(days=n)
        log_food(adult_woman, almonds, 28, day)
        log_dose(adult_woman, day, elemental_mg="100")
        write_note(adult_woman, day, dizziness=n % 11)
    # Session, user, profile, the ledger's nine (the days' stamps, then eight), and the foods whose figures are
    # missing or estimated.
    with django_assert_num_queries(13):
        response = logged_in_client.get(f"/week/{MONDAY}/")
    assert response.status_code == 200
    # Again, nothing written since: the days and their figure notes are kept, so the ledger reads the stamps, the
    # first mark and the doctor's goals.
    with django_assert_num_queries(6):
        again = logged_in_client.get(f"/week/{MONDAY}/")
    assert again.context["week"].days == response.context["week"].days


def test_week_of_an_impossible_date_is_not_found(logged_in_client):
    assert logged_in_client.get("/week/2026-02-30/").status_code == 404


@pytest.mark.parametrize("start", ["0001-01-01", "1899-12-31", "9999-12-31", "9999-12-27"])
def test_weeks_outside_the_diary_are_not_found(logged_in_client, start):
    assert logged_in_client.get(f"/week/{start}/").status_code == 404


def test_the_first_and_last_weeks_open_without_a_link_past_them(logged_in_client, adult_woman):
    first = logged_in_client.get("/week/1900-01-03/")
    assertContains(first, "Week of Monday 1 January 1900")
    assertNotContains(first, "Previous")
    last = logged_in_client.get("/week/9999-12-26/")
    assertContains(last, "Week of Monday 20 December 9999")
    assertNotContains(last, "Next")


def test_a_day_whose_foods_have_no_magnesium_figure_says_no_data_not_zero(logged_in_client, adult_woman, spinach):
    stew = make_food("Mystery stew", source="custom", owner=adult_woman)
    log_food(adult_woman, stew, 100, MONDAY)
    log_food(adult_woman, spinach, 30, MONDAY + timedelta(days=1))
    log_food(adult_woman, stew, 100, MONDAY + timedelta(days=1))
    response = logged_in_client.get(f"/week/{MONDAY}/")
    monday, tuesday = response.context["week"].days[:2]
    assert (monday.food_magnesium.total, monday.food_magnesium.foods) == (None, 1)
    # Spinach, 30 g at 79 mg/100 g = 23.70 mg, shown as 24: a lower bound, the stew has no figure.
    assert (tuesday.food_magnesium.total, tuesday.food_magnesium.lower_bound) == (24, True)
    assertContains(response, '<td class="text-end">no data</td>', html=True)
    assertContains(response, '<td class="text-end fw-semibold">no data</td>', html=True)
    assertContains(response, '<td class="text-end">&ge;&nbsp;24 mg</td>', html=True)
    assert response.context["chart"]["food_mg"][:2] == [None, 24]


def test_the_week_summary_averages_the_days_that_count(logged_in_client, adult_woman):
    # Monday 200 mg of food, Tuesday 150 mg of food and 130 mg of supplements, Wednesday only a dose (its
    # food unknown): (200 + 280) / 2 days = 240 mg a day, 75% of 320 mg, as the insights and report count.
    food = make_food(magnesium_mg=100)
    log_food(adult_woman, food, 200, MONDAY)
    log_food(adult_woman, food, 150, MONDAY + timedelta(days=1))
    log_dose(adult_woman, MONDAY + timedelta(days=1), elemental_mg="130")
    log_dose(adult_woman, MONDAY + timedelta(days=2), elemental_mg="280")
    write_note(adult_woman, MONDAY, dizziness=6)
    write_note(adult_woman, MONDAY, dizziness=5)
    write_note(adult_woman, MONDAY + timedelta(days=1), dizziness=3)
    response = logged_in_client.get(f"/week/{MONDAY}/")
    assertContains(response, "<strong>240 mg</strong> a day on average")
    assertContains(response, "75% of the goal, over the 2 days that count")
    assertContains(response, "4 days (nothing logged); 1 day (no food logged)")
    assertContains(response, "Dizziness 4.3")  # the mean of the daily means 5.5 and 3.0 (4.25, rounded up)
    report = logged_in_client.get("/report/", {"start": MONDAY, "end": MONDAY + timedelta(days=2)})
    [week] = report.context["report"].period.weeks()
    assert (week.mean_total_mg, week.score_mean("dizziness")) == (Decimal("240"), Decimal("4.3"))


def test_week_carries_each_days_highest_heart_rate_rise(logged_in_client, adult_woman, django_assert_num_queries):
    # Tuesday's stand test: lying 70 and 75 (mean 72.5), highest standing 103 -> a rise of 30.5 bpm; a symptom note
    # the same day with 62 -> 90 (28 bpm) is lower. Wednesday only a note: 101 - 62 = 39 bpm.
    run_stand_test(adult_woman, MONDAY + timedelta(days=1), supine=[70, 75], standing=[95, 103, 98])
    write_note(adult_woman, MONDAY + timedelta(days=1), heart_rate_lying=62, heart_rate_standing=90)
    write_note(adult_woman, MONDAY + timedelta(days=2), heart_rate_lying=62, heart_rate_standing=101)

    with django_assert_num_queries(13):  # as many as without stand tests
        response = logged_in_client.get(f"/week/{MONDAY}/")

    assert response.context["chart"]["hr_rise_bpm"][:4] == [None, 30.5, 39, None]
    assertContains(response, '<td class="text-end">30.5 bpm</td>', html=True)
    assertContains(response, '<td class="text-end">39.0 bpm</td>', html=True)


def test_a_meal_logged_and_deleted_through_the_pages_shows_on_the_week_drawn_before(logged_in_client, adult_woman,
                                                                                     pumpkin_seeds):
    today = Profile.for_user(adult_woman).today()
    week = f"/week/{today}/"

    def todays_food_magnesium():
        return logged_in_client.get(week).context["week"].days[today.weekday()].food_magnesium.total

    assert todays_food_magnesium() is None  # drawn, so the week's days are kept
    cup = pumpkin_seeds.portions.get(description="1 cup")
    logged_in_client.post("/meals/add/", {"food": pumpkin_seeds.pk, "amount": "0.5", "portion": cup.pk,
                                          "date": today, "meal": "lunch"})
    # Half a cup: 64.5 g at 592 mg/100 g = 381.84 mg, shown as 382 mg.
    assert todays_food_magnesium() == 382
    assertContains(logged_in_client.get(week), '<td class="text-end">382 mg</td>', html=True)
    logged_in_client.post(f"/meals/{MealEntry.objects.get(user=adult_woman).pk}/delete/")
    assert todays_food_magnesium() is None
