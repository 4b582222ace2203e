from datetime import date, timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile
from tests.builders import log_dose, log_food, make_food, write_note

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
    assertContains(response, "Daily goal: 320 mg (RDA for females 31-50 years)")
    assertContains(response, "a goal set by your doctor is applied to every day, including days before it was set")
    tuesday = response.context["days"][1]
    assert (tuesday.food_mg, tuesday.supplement_mg, tuesday.total_mg) == (
        Decimal("381.84"), Decimal("120"), Decimal("501.84")
    )
    assert tuesday.goal_percent == 157  # 501.84 / 320
    # The row adds up as shown: 381.84 + 120.00 = 501.84.
    assertContains(response, '<td class="text-end">381.84</td>', html=True)
    assertContains(response, '<td class="text-end">120.00</td>', html=True)
    assertContains(response, '<td class="text-end fw-semibold">501.84</td>', html=True)
    assert response.context["chart"]["food_mg"][:2] == [None, 381.84]  # an empty Monday is a gap, not 0 mg


def test_week_shows_the_daily_mean_of_symptom_scores(logged_in_client, adult_woman):
    write_note(adult_woman, MONDAY, dizziness=6, fatigue=3)
    write_note(adult_woman, MONDAY, dizziness=3, fatigue=4)
    response = logged_in_client.get(f"/week/{MONDAY}/")
    monday = response.context["days"][0]
    assert monday.dizziness == pytest.approx(4.5)
    assert response.context["chart"]["fatigue"][0] == 3.5
    assert response.context["chart"]["dizziness"][1] is None


def test_week_leaves_out_other_users_and_other_weeks(logged_in_client, adult_woman, other_user, spinach):
    log_food(other_user, spinach, 30, MONDAY)
    log_food(adult_woman, spinach, 30, MONDAY - timedelta(days=1))
    response = logged_in_client.get(f"/week/{MONDAY}/")
    assert all(not day.logged for day in response.context["days"])
    assertContains(response, "nothing logged", count=7)


def test_week_page_runs_the_same_queries_however_long_the_history(logged_in_client, adult_woman, almonds,
                                                                   django_assert_max_num_queries):
    for n in range(120):
        day = MONDAY - timedelta(days=n)
        log_food(adult_woman, almonds, 28, day)
        log_dose(adult_woman, day, elemental_mg="100")
        write_note(adult_woman, day, dizziness=n % 11)
    with django_assert_max_num_queries(8):
        response = logged_in_client.get(f"/week/{MONDAY}/")
    assert response.status_code == 200


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
    monday, tuesday = response.context["days"][:2]
    assert (monday.food_mg, monday.magnesium_incomplete) == (None, True)
    assert (tuesday.food_mg, tuesday.magnesium_incomplete) == (Decimal("23.70"), True)
    assertContains(response, '<td class="text-end">no data <span class="badge text-bg-warning">incomplete</span></td>',
                   html=True)
    assertContains(response, '<td class="text-end">23.70 <span class="badge text-bg-warning">incomplete</span></td>',
                   html=True)
    assert response.context["chart"]["food_mg"][:2] == [None, 23.7]


def test_the_week_summary_averages_the_days_with_food_logged(logged_in_client, adult_woman):
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
    assertContains(response, "<strong>240.0 mg</strong> a day on average,\n      75% of the goal, over the 2 days")
    assertContains(response, "Dizziness 4.3")  # the mean of the daily means 5.5 and 3.0 (4.25, rounded up)
    report = logged_in_client.get("/report/", {"start": MONDAY, "end": MONDAY + timedelta(days=2)})
    assert report.context["report"].weeks[0].total_mg == Decimal("240.0")
    assert report.context["report"].weeks[0].dizziness == Decimal("4.3")
