"""The day ledger's rules: which days count, lower bounds, marks, goal history, query counts.

The clock is frozen at noon UTC on Wednesday 18 March 2026; Alice (UTC) was born on 1 January 1986.
"""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from journal import ledger
from journal.ledger import LOWER_BOUND, NO_FOOD, NOT_MARKED, Period, day_of, days_of, figure_notes_of
from journal.models import DayMark, DoctorGoal, MealEntry, Profile
from tests.builders import log_food, make_food

TODAY = date(2026, 3, 18)
NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def alice(user):
    Profile.objects.create(user=user, birth_date=date(1986, 1, 1), sex="female", time_zone="UTC")
    return user


def eat(user, day, magnesium_mg, meal="lunch", name="Almonds"):
    """100 g of a food with these milligrams of magnesium per 100 g (None: its source has no figure)."""
    return log_food(user, make_food(name, magnesium_mg=magnesium_mg), 100, day, meal=meal)


def profile_of(user):
    return Profile.objects.get(user=user)


def test_a_lower_bound_says_how_many_foods_report_the_figure(alice):
    for magnesium in ("20.40", "40.20", None, None):
        eat(alice, TODAY, magnesium)
    day = day_of(profile_of(alice), TODAY)
    # 20.40 + 40.20 = 60.60, shown as 61 mg.
    assert str(day.magnesium) == "at least 61 mg: 2 of 4 foods report magnesium"
    assert day.left_out_because == LOWER_BOUND


def test_a_lower_bound_at_the_goal_has_reached_it(alice):
    eat(alice, TODAY, "330")
    eat(alice, TODAY, None)
    day = day_of(profile_of(alice), TODAY)
    assert day.goal_reached and day.magnesium.lower_bound and day.remaining_mg == 0


def test_the_day_page_says_at_most_how_much_is_missing_when_the_total_is_a_lower_bound(logged_in_client, alice):
    make_food("Seeds, pumpkin and squash seed kernels, dried", magnesium_mg=592)  # something to suggest
    eat(alice, TODAY, "100.40")
    eat(alice, TODAY, None)
    response = logged_in_client.get("/today/")
    # 320 - 100.40 = 219.60: at most 220 mg still to go.
    assertContains(response, "At most 220 mg to go.")


def test_a_day_whose_foods_have_no_magnesium_figure_suggests_nothing(logged_in_client, alice):
    make_food("Seeds, pumpkin and squash seed kernels, dried", magnesium_mg=592)
    eat(alice, TODAY, None)
    response = logged_in_client.get("/today/")
    assertContains(response, "No data: the food logged has no magnesium figure.")
    assertContains(response, "the gap is not known")
    assertNotContains(response, "to go.")
    assertNotContains(response, "0 mg of 320 mg")


def test_days_at_goal_are_counted_among_the_known_days_only(logged_in_client, alice):
    eat(alice, TODAY - timedelta(days=1), "330")  # at the 320 mg goal
    eat(alice, TODAY - timedelta(days=2), None)  # unknown: not in the denominator
    response = logged_in_client.get("/insights/", {"days": 28})
    assertContains(response, '1 <span class="fs-6 text-body-secondary">of 1 (100%)</span>', html=True)


def test_from_the_first_complete_mark_on_only_marked_days_count(alice):
    for days_ago in range(4):
        eat(alice, TODAY - timedelta(days=days_ago), "300")
    DayMark.objects.create(user=alice, date=TODAY - timedelta(days=3), no_supplements=True)  # not a food mark
    DayMark.objects.create(user=alice, date=TODAY - timedelta(days=2), food_complete=True)
    DayMark.objects.create(user=alice, date=TODAY, food_complete=True)

    period = Period(days_of(profile_of(alice), TODAY - timedelta(days=3), TODAY))

    # Before the first mark a day with food counts; from it on only the marked ones do.
    assert [day.left_out_because for day in period.days] == [None, None, NOT_MARKED, None]
    assert period.left_out == [(NOT_MARKED, 1)]


def test_a_day_marked_complete_with_nothing_eaten_is_a_day_of_0_mg(alice):
    DayMark.objects.create(user=alice, date=TODAY, food_complete=True)
    day = day_of(profile_of(alice), TODAY)
    assert (day.magnesium.total, day.magnesium.known, day.counted) == (0, True, True)


def test_supplements_without_food_are_no_total(alice):
    day = day_of(profile_of(alice), TODAY)
    assert (day.magnesium.total, day.left_out_because) == (None, "nothing logged")
    DayMark.objects.create(user=alice, date=TODAY, no_supplements=True)
    day = day_of(profile_of(alice), TODAY)
    assert (day.magnesium.total, day.supplements, day.left_out_because) == (None, "none today", NO_FOOD)


def test_one_tap_marks_the_food_log_complete_and_another_takes_it_back(logged_in_client, alice):
    eat(alice, TODAY, "300")
    response = logged_in_client.post(f"/day/{TODAY}/marks/", {"food_complete": "true"}, follow=True)
    assertContains(response, "Marked this day&#39;s food log complete.")
    assertContains(response, "Food log complete")
    assert DayMark.objects.get(user=alice, date=TODAY).food_complete

    logged_in_client.post(f"/day/{TODAY}/marks/", {"food_complete": "false"})
    assert not DayMark.objects.get(user=alice, date=TODAY).food_complete


def test_marking_no_supplements_leaves_the_food_mark_alone(logged_in_client, alice):
    DayMark.objects.create(user=alice, date=TODAY, food_complete=True)
    logged_in_client.post(f"/day/{TODAY}/marks/", {"no_supplements": "true"})
    mark = DayMark.objects.get(user=alice, date=TODAY)
    assert (mark.food_complete, mark.no_supplements) == (True, True)


def test_a_day_still_to_come_cannot_be_marked(logged_in_client, alice):
    response = logged_in_client.post(f"/day/{TODAY + timedelta(days=1)}/marks/", {"food_complete": "true"},
                                     follow=True)
    assertContains(response, "A day still to come cannot be marked")
    assert not DayMark.objects.exists()


def test_marks_need_a_post(logged_in_client, alice):
    assert logged_in_client.get(f"/day/{TODAY}/marks/").status_code == 405


def test_marks_are_the_users_own(logged_in_client, alice, other_user):
    DayMark.objects.create(user=other_user, date=TODAY, food_complete=True)
    eat(alice, TODAY, "300")
    assert day_of(profile_of(alice), TODAY).food_complete is False


def test_a_new_doctors_goal_keeps_last_months_percentages(logged_in_client, alice):
    eat(alice, TODAY - timedelta(days=30), "160")  # half the 320 mg RDA
    logged_in_client.post("/profile/", {
        "birth_date": "1986-01-01", "sex": "female", "life_stage": "", "time_zone": "UTC", "doctor_goal_mg": "400",
    })
    assert list(DoctorGoal.objects.values_list("start", "mg")) == [(TODAY, 400)]

    daily = logged_in_client.get("/export/", {"start": TODAY - timedelta(days=30), "end": TODAY, "kind": "daily"})
    rows = list(csv.DictReader(io.StringIO(b"".join(daily.streaming_content).decode())))
    assert (rows[0]["goal_mg"], rows[0]["percent_of_goal"]) == ("320", "50")
    assert rows[-1]["goal_mg"] == "400"


def test_each_day_has_the_rda_for_the_age_on_that_day(user):
    # Born 20 March 1995: 30 until the 19th (RDA 310 mg for women 19-30), 31 from the 20th (320 mg).
    profile = Profile.objects.create(user=user, birth_date=date(1995, 3, 20), sex="female", time_zone="UTC")
    with time_machine.travel(datetime(2026, 3, 25, 12, tzinfo=UTC), tick=False):
        days = days_of(profile, date(2026, 3, 19), date(2026, 3, 20))
    assert [day.goal.mg for day in days] == [310, 320]


def test_removing_the_doctors_goal_brings_back_the_rda_from_that_day(alice):
    DoctorGoal.objects.create(user=alice, start=TODAY - timedelta(days=10), mg=500)
    DoctorGoal.objects.create(user=alice, start=TODAY - timedelta(days=5), mg=None)
    days = days_of(profile_of(alice), TODAY - timedelta(days=11), TODAY - timedelta(days=4))
    assert [day.goal.mg for day in days] == [320, 500, 500, 500, 500, 500, 320, 320]


def test_the_entries_file_lists_meals_in_the_order_of_the_day(logged_in_client, alice):
    for meal in ("snack", "dinner", "breakfast", "lunch"):
        eat(alice, TODAY, "10", meal=meal, name=f"Food at {meal}")
    response = logged_in_client.get("/export/", {"start": TODAY, "end": TODAY, "kind": "entries"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["meal"] for row in rows] == ["Breakfast", "Lunch", "Dinner", "Snack"]


@pytest.mark.parametrize("days", [1, 7, 3 * 365])
def test_the_ledger_reads_any_range_in_nine_queries_and_in_three_once_its_days_are_kept(
        alice, days, django_assert_num_queries):
    for days_ago in range(0, 3 * 365, 3):
        eat(alice, TODAY - timedelta(days=days_ago), "100")
    profile = profile_of(alice)
    first = TODAY - timedelta(days=days - 1)
    # The days' stamps; entries, doses, drinks and notes summed per day, stand tests' readings summed per test, the
    # range's marks; the first mark, the doctor's goals.
    with django_assert_num_queries(9):
        worked_out = days_of(profile, first, TODAY)
    # Nothing written since: the stamps, the first mark and the doctor's goals, and the same Days.
    with django_assert_num_queries(3):
        again = days_of(profile, first, TODAY)
    assert again == worked_out
    assert [day.magnesium.total for day in again].count(100) == len(range(0, days, 3))


def test_a_day_written_in_any_way_since_it_was_read_is_worked_out_again_and_only_it(alice, django_assert_num_queries):
    yesterday = TODAY - timedelta(days=1)
    eat(alice, yesterday, "100")
    eat(alice, TODAY, "200")
    profile = profile_of(alice)
    before = days_of(profile, yesterday, TODAY)
    # As an admin or a data fix would: no form, no save(), no signal.
    MealEntry.objects.filter(user=alice, date=TODAY).update(magnesium_mg=250)
    with django_assert_num_queries(9):
        after = days_of(profile, yesterday, TODAY)
    assert [day.magnesium.total for day in after] == [100, 250]
    assert after[0] is before[0]  # yesterday, unwritten, is the Day already worked out


def test_a_days_figures_follow_its_entry_moved_to_another_day(alice):
    yesterday = TODAY - timedelta(days=1)
    entry = eat(alice, TODAY, "200")
    profile = profile_of(alice)
    assert [day.magnesium.total for day in days_of(profile, yesterday, TODAY)] == [None, 200]
    entry.date = yesterday
    entry.save()
    assert [day.magnesium.total for day in days_of(profile, yesterday, TODAY)] == [200, None]
    entry.delete()
    assert [day.magnesium.total for day in days_of(profile, yesterday, TODAY)] == [None, None]


def test_a_first_mark_on_another_day_changes_the_days_kept(alice):
    yesterday, two_days_ago = TODAY - timedelta(days=1), TODAY - timedelta(days=2)
    eat(alice, yesterday, "100")
    eat(alice, TODAY, "200")
    profile = profile_of(alice)
    assert [day.counted for day in days_of(profile, yesterday, TODAY)] == [True, True]
    # A mark on a day before them, which none of their own rows changed: from it on, only marked days count.
    DayMark.objects.create(user=alice, date=two_days_ago, food_complete=True)
    assert [day.left_out_because for day in days_of(profile, yesterday, TODAY)] == [NOT_MARKED, NOT_MARKED]


def born_eight_years_ago(alice):
    # With the doctor's goal on the profile, a child's goal stays 150 mg however old; only the upper limit follows the
    # age: 110 mg at 4-8 years, 350 mg from 9 on (NIH ODS).
    Profile.objects.filter(user=alice).update(birth_date=date(2018, 1, 1), doctor_goal_mg=150)


# What a day's figures follow besides its own rows, each changed alone: (set up, change, what the Day says of it,
# before and after).
NOT_OF_THE_DAYS_ROWS = [
    pytest.param(None, {"fluid_target_ml": 2000}, lambda day: day.fluid_target_ml, None, 2000, id="fluid target"),
    # 2 g of salt holds 786 mg of sodium (0.393 of its mass); 2 g of sodium is 2,000 mg.
    pytest.param(lambda alice: Profile.objects.filter(user=alice).update(sodium_target_g=2, sodium_target_as="salt"),
                 {"sodium_target_as": "sodium"}, lambda day: day.sodium_target_mg, 786, 2000, id="sodium target"),
    # A woman of 40: the RDA, 320 mg (NIH ODS).
    pytest.param(None, {"doctor_goal_mg": 400}, lambda day: day.goal.mg, 320, 400, id="goal"),
    pytest.param(born_eight_years_ago, {"birth_date": date(2017, 1, 1)}, lambda day: day.supplement_upper_limit_mg,
                 110, 350, id="upper limit"),
]


@pytest.mark.parametrize(("set_up", "change", "said", "before", "after"), NOT_OF_THE_DAYS_ROWS)
def test_what_a_day_follows_besides_its_rows_changes_the_day_kept(alice, set_up, change, said, before, after):
    eat(alice, TODAY, "200")
    if set_up:
        set_up(alice)
    assert said(day_of(profile_of(alice), TODAY)) == before
    Profile.objects.filter(user=alice).update(**change)
    assert said(day_of(profile_of(alice), TODAY)) == after


def test_a_day_written_while_it_is_worked_out_is_worked_out_again_next_time(alice, monkeypatch):
    entry = eat(alice, TODAY, "200")
    profile = profile_of(alice)
    read_sums = ledger.FOOD_TOTALS.tuples

    def written_just_after_the_sums_were_read(**asked):
        rows = read_sums(**asked)
        MealEntry.objects.filter(pk=entry.pk).update(magnesium_mg=300)
        return rows

    monkeypatch.setattr(ledger.FOOD_TOTALS, "tuples", written_just_after_the_sums_were_read)
    assert day_of(profile, TODAY).magnesium.total == 200
    monkeypatch.undo()
    assert day_of(profile, TODAY).magnesium.total == 300


def test_the_days_kept_are_each_persons_own(alice, other_user):
    Profile.objects.create(user=other_user, birth_date=date(1990, 1, 1), sex="male", time_zone="UTC")
    eat(alice, TODAY, "100")
    eat(other_user, TODAY, "300")
    assert day_of(profile_of(alice), TODAY).magnesium.total == 100
    assert day_of(profile_of(other_user), TODAY).magnesium.total == 300


def test_the_figure_notes_of_a_day_follow_what_is_written_on_it(alice):
    entry = eat(alice, TODAY, None, name="Tea, herbal")
    profile = profile_of(alice)
    days = days_of(profile, TODAY, TODAY)
    assert [note.text for note in figure_notes_of(profile, days)[TODAY]] == [
        "no magnesium, potassium, sodium, calcium, energy or water figure: Tea, herbal (USDA SR28)"]
    MealEntry.objects.filter(pk=entry.pk).update(magnesium_mg=1, sodium_mg=1, potassium_mg=1, calcium_mg=1,
                                                  energy_kcal=1, water_g=1)
    assert figure_notes_of(profile, days_of(profile, TODAY, TODAY)) == {}


def test_a_process_keeps_at_most_its_bound_of_days_dropping_the_person_read_least_recently(
        alice, other_user, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(ledger._days_kept, "most", 10)
    ledger.forget_kept_days()
    Profile.objects.create(user=other_user, birth_date=date(1990, 1, 1), sex="male", time_zone="UTC")
    eat(alice, TODAY, "100")
    eat(other_user, TODAY, "300")
    alices, others = profile_of(alice), profile_of(other_user)
    five_days_ago, ten_days_ago = TODAY - timedelta(days=4), TODAY - timedelta(days=9)
    days_of(alices, five_days_ago, TODAY)
    days_of(others, five_days_ago, TODAY)
    days_of(alices, ten_days_ago, five_days_ago - timedelta(days=1))  # 15 days: the other person's make room
    assert ledger._days_kept.days == len(ledger._days_kept.people[alice.pk]) == 10
    with django_assert_num_queries(3):  # still kept
        assert days_of(alices, five_days_ago, TODAY)[-1].magnesium.total == 100
    with django_assert_num_queries(9):  # worked out again
        assert days_of(others, five_days_ago, TODAY)[-1].magnesium.total == 300
    # Alice, read least recently, made room: a person's days go together.
    assert set(ledger._days_kept.people) == {other_user.pk}
    assert ledger._days_kept.days == 5
    # A range longer than half the bound is worked out, and not kept.
    assert days_of(alices, TODAY - timedelta(days=5), TODAY)[-1].magnesium.total == 100
    assert (set(ledger._days_kept.people), ledger._days_kept.days) == ({other_user.pk}, 5)
