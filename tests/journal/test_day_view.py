from datetime import date, timedelta
from zoneinfo import ZoneInfo

from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile
from tests.builders import log_dose, log_medicine_dose, make_food, make_medicine, run_stand_test, write_note


def day_url(day):
    return f"/day/{day.isoformat()}/"


def test_it_lists_each_meal_in_the_order_of_the_day(logged_in_client, log_food, pumpkin_seeds, spinach, today):
    log_food(spinach, 1, "1 cup", meal="dinner")
    log_food(pumpkin_seeds, "0.5", "1 cup", meal="breakfast")

    response = logged_in_client.get(day_url(today))

    text = response.content.decode()
    positions = [text.index(f'id="meal-{meal}"') for meal in ("breakfast", "lunch", "dinner", "snack")]
    assert positions == sorted(positions)
    assert text.index("Seeds, pumpkin") < positions[1] < text.index("Spinach, raw") < positions[3]
    assertContains(response, "0.5 × 1 cup (64.5 g)")
    assertContains(response, "382 mg")  # 592 mg/100 g x 64.5 g = 381.84
    assertContains(response, "1 × 1 cup (30 g)")
    assertContains(response, "24 mg")  # 79 mg/100 g x 30 g = 23.70
    assertContains(response, f'href="/meals/add/?date={today.isoformat()}&amp;meal=lunch"')


def test_it_totals_magnesium_against_the_rda_and_names_it(logged_in_client, woman_of_40, log_food, spinach, today):
    log_food(spinach, 100)  # 79 mg of the 320 mg RDA for women 31-50

    response = logged_in_client.get(day_url(today))

    assertContains(response, "<strong>79 mg</strong> of 320 mg", html=True)
    assertContains(response, "RDA for females 31-50 years")
    assertContains(response, 'aria-valuenow="25"')  # 79 / 320 = 24.7 %; progress-bars.js draws the bar to it
    assertContains(response, '>25%</div>')


def test_a_doctors_goal_replaces_the_rda(logged_in_client, woman_of_40, log_food, pumpkin_seeds, today):
    Profile.objects.filter(user=woman_of_40).update(doctor_goal_mg=600)
    log_food(pumpkin_seeds, "0.5", "1 cup")

    response = logged_in_client.get(day_url(today))

    assertContains(response, "of 600 mg")
    assertContains(response, "goal set by your doctor")
    assertContains(response, ">64%</div>")  # 381.84 / 600


def test_supplements_count_toward_the_goal_and_against_the_upper_limit(
    logged_in_client, woman_of_40, log_food, pumpkin_seeds, today
):
    log_food(pumpkin_seeds, "0.5", "1 cup")
    log_dose(woman_of_40, today, elemental_mg=200)

    response = logged_in_client.get(day_url(today))

    assertContains(response, "<strong>582 mg</strong>", html=True)  # 382 from food + 200
    assertContains(response, "57% of 350&nbsp;mg")  # the UL for supplemental magnesium from age 9
    assertContains(response, '>182%</div>')  # the bar stops at its box (aria-valuenow, below), the figure does not
    # A progress bar's value may not pass its maximum: screen readers hear the real figure as text.
    assertContains(response, 'aria-valuenow="100" aria-valuemin="0" aria-valuemax="100"')
    assertContains(response, 'aria-valuetext="182% of the goal"')
    assertNotContains(response, "above the upper limit")


def test_supplements_over_the_upper_limit_are_flagged(logged_in_client, woman_of_40, today):
    log_dose(woman_of_40, today, elemental_mg=400)
    response = logged_in_client.get(day_url(today))
    assertContains(response, "114% of 350&nbsp;mg")
    assertContains(response, "above the upper limit")


def test_it_shows_sodium_potassium_calcium_and_energy_from_food(
    logged_in_client, log_food, pumpkin_seeds, spinach, today
):
    log_food(pumpkin_seeds, "0.5", "1 cup")
    log_food(spinach, 1, "1 cup")

    response = logged_in_client.get(day_url(today))

    # 64.5 g pumpkin seeds + 30 g spinach, SR28 12014 and 11457
    assertContains(response, '<dd class="col-8 text-end mb-1">28 mg</dd>', html=True)  # sodium 4.52 + 23.70
    assertContains(response, '<dd class="col-8 text-end mb-1">689 mg</dd>', html=True)  # potassium 521.81 + 167.40
    assertContains(response, '<dd class="col-8 text-end mb-1">59 mg</dd>', html=True)  # calcium 29.67 + 29.70
    assertContains(response, '<dd class="col-8 text-end mb-1">367 kcal</dd>', html=True)  # energy 360.56 + 6.90
    assertNotContains(response, "at least")


def test_a_food_without_a_figure_makes_that_total_incomplete(logged_in_client, log_food, spinach, today):
    log_food(spinach, 100)
    log_food(make_food("Mystery stew", magnesium_mg=None, sodium_mg=300), 100)

    response = logged_in_client.get(day_url(today))

    assertContains(response, "<strong>at least 79 mg</strong> of 420 mg", html=True)
    assertContains(response, "1 of 2 foods report magnesium")
    assertContains(response, '<div class="text-end tabular text-nowrap">no data</div>', html=True)
    assertContains(response, '<dd class="col-8 text-end mb-1">379 mg</dd>', html=True)  # sodium 79 + 300, both known


def test_a_day_with_no_data_for_a_nutrient_says_so(logged_in_client, log_food, today):
    log_food(make_food("Mystery stew", magnesium_mg=20), 100)
    response = logged_in_client.get(day_url(today))
    assertContains(response, "no data: the food logged has no sodium figure")


def test_it_hides_other_users_meals(logged_in_client, other_user, log_food, spinach, today):
    log_food(spinach, 100, owner=other_user)
    response = logged_in_client.get(day_url(today))
    assertNotContains(response, "/edit/")
    assertContains(response, "Nothing logged.", count=4)
    assertContains(response, "No food logged yet.")


def test_today_is_the_users_local_day_not_the_servers(logged_in_client, user, log_food, spinach, frozen_now):
    # At noon UTC it is already the next day in Kiritimati (UTC+14).
    Profile.objects.filter(user=user).update(time_zone="Pacific/Kiritimati")
    local_today = frozen_now.astimezone(ZoneInfo("Pacific/Kiritimati")).date()
    log_food(spinach, 100, day=local_today)

    response = logged_in_client.get("/today/")

    assert response.context["day"] == local_today
    assertContains(response, "Spinach, raw")


def test_it_links_the_previous_and_next_days(logged_in_client, today):
    response = logged_in_client.get(day_url(date(2026, 3, 1)))
    assertContains(response, 'href="/day/2026-02-28/"')
    assertContains(response, 'href="/day/2026-03-02/"')
    assertContains(response, "Sunday 1 March 2026")


def test_the_first_possible_date_has_no_previous_day(logged_in_client):
    response = logged_in_client.get("/day/0001-01-01/")
    assert response.status_code == 200
    assert response.context["previous_day"] is None


def test_an_impossible_date_is_not_found(logged_in_client):
    assert logged_in_client.get("/day/2026-02-30/").status_code == 404


def test_a_day_page_runs_a_fixed_number_of_queries(
    logged_in_client, user, log_food, pumpkin_seeds, spinach, today, django_assert_num_queries
):
    for n in range(200):
        log_food(spinach if n % 2 else pumpkin_seeds, 10 + n, day=today - timedelta(days=n % 60 + 1))
    meals = ("breakfast", "lunch", "dinner", "snack")
    for n in range(30):  # 30 of each kind of record on the day itself, short of the goal so foods are suggested
        log_food(spinach, 10, meal=meals[n % 4])  # 7.9 mg
        log_dose(user, today, elemental_mg=5)
        write_note(user, today)
        run_stand_test(user, today, standing=[90], stopped_early="unwell")
        alendronate = make_medicine(user, f"Alendronate {n}", usual_times=["08:00", "20:00"])
        log_medicine_dose(user, alendronate, today)  # at noon, beside each magnesium dose: 30 × 30 timing notes

    # Exactly: session, user, profile; the ledger's nine (the day's stamp; entries, doses, drinks, notes and stand
    # tests' readings summed, the day's marks, the first mark, the doctor's goals); the entries, doses, notes and
    # drinks listed; the stand tests and their readings; the shared foods' stamp and the suggested foods' portions;
    # the medicines taken that day, their doses, and the timing notes' medicine and magnesium doses (from six hours
    # either side of the day); today's recent foods, logged again in one tap (their usual amounts, and an entry for
    # each). The first day page a process serves after shared foods changed picks the suggested foods too: one query
    # more, once. Served again, the ledger's Day is kept: the stamp, the first mark and the doctor's goals.
    with django_assert_num_queries(27):
        logged_in_client.get(day_url(today))
    with django_assert_num_queries(20):
        response = logged_in_client.get(day_url(today))

    assertContains(response, '<div class="text-end tabular text-nowrap">8 mg</div>', count=30, html=True)
    assertContains(response, "Foods that would close today")
    assert [tap.label for tap in response.context["recent_food_taps"]] == [spinach.name, pumpkin_seeds.name]
    assertContains(response, "was taken at the same time as Alendronate", count=30 * 30)


def test_an_infants_day_has_an_adequate_intake_and_no_upper_limit(logged_in_client, user, today):
    Profile.objects.filter(user=user).update(birth_date=today - timedelta(days=100), sex="male")
    response = logged_in_client.get("/today/")
    assertContains(response, "Goal: 30 mg, AI for infants 0-6 months")
    assertContains(response, "AI for infants 0-6 months")
    assertContains(response, "none set for infants")


def test_a_past_day_over_the_upper_limit_is_warned_once_in_words_for_that_day(logged_in_client, woman_of_40,
                                                                               yesterday):
    log_dose(woman_of_40, yesterday, elemental_mg=400)
    response = logged_in_client.get(day_url(yesterday))
    assertContains(response, "114% of 350&nbsp;mg")
    assertContains(response, "above the upper limit", count=1)
    assertContains(response, f"On {yesterday:%-d %b %Y} your supplements gave 400 mg of magnesium")
    assertNotContains(response, "Supplements today")
