from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile, SupplementDose
from tests.journal.supplement_symptom_builders import make_note


def day_url(day):
    return f"/day/{day.isoformat()}/"


def take_supplement(user, day, elemental_mg):
    return SupplementDose.objects.create(
        user=user, taken_at=timezone.now(), date=day, units=1, product_name="Magnesium glycinate",
        form="glycinate", elemental_mg=elemental_mg,
    )


def test_it_lists_each_meal_in_the_order_of_the_day(logged_in_client, log_food, pumpkin_seeds, spinach, today):
    log_food(spinach, 1, "1 cup", meal="dinner")
    log_food(pumpkin_seeds, "0.5", "1 cup", meal="breakfast")

    response = logged_in_client.get(day_url(today))

    text = response.content.decode()
    positions = [text.index(f'id="meal-{meal}"') for meal in ("breakfast", "lunch", "dinner", "snack")]
    assert positions == sorted(positions)
    assert text.index("Seeds, pumpkin") < positions[1] < text.index("Spinach, raw") < positions[3]
    assertContains(response, "0.5 × 1 cup (64.5 g)")
    assertContains(response, "381.84 mg")
    assertContains(response, "1 × 1 cup (30 g)")
    assertContains(response, "23.70 mg")
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
    take_supplement(woman_of_40, today, 200)

    response = logged_in_client.get(day_url(today))

    assertContains(response, "<strong>581.84 mg</strong>", html=True)
    assertContains(response, "57% of 350 mg")  # the UL for supplemental magnesium from age 9
    assertContains(response, '>182%</div>')  # the bar stops at its box (aria-valuenow, below), the figure does not
    # A progress bar's value may not pass its maximum: screen readers hear the real figure as text.
    assertContains(response, 'aria-valuenow="100" aria-valuemin="0" aria-valuemax="100"')
    assertContains(response, 'aria-valuetext="182% of the goal"')
    assertNotContains(response, "above the upper limit")


def test_supplements_over_the_upper_limit_are_flagged(logged_in_client, woman_of_40, today):
    take_supplement(woman_of_40, today, 400)
    response = logged_in_client.get(day_url(today))
    assertContains(response, "114% of 350 mg")
    assertContains(response, "above the upper limit")


def test_it_shows_sodium_potassium_calcium_and_energy_from_food(
    logged_in_client, log_food, pumpkin_seeds, spinach, today
):
    log_food(pumpkin_seeds, "0.5", "1 cup")
    log_food(spinach, 1, "1 cup")

    response = logged_in_client.get(day_url(today))

    # 64.5 g pumpkin seeds + 30 g spinach, SR28 12014 and 11457
    assertContains(response, "28.22 mg")  # sodium 4.52 + 23.70
    assertContains(response, "689.21 mg")  # potassium 521.81 + 167.40
    assertContains(response, "59.37 mg")  # calcium 29.67 + 29.70
    assertContains(response, "367.46 kcal")  # energy 360.56 + 6.90
    assertNotContains(response, "incomplete")


def test_a_food_without_a_figure_makes_that_total_incomplete(logged_in_client, log_food, make_food, spinach, today):
    log_food(spinach, 100)
    log_food(make_food("Mystery stew", magnesium_mg=None, sodium_mg=300), 100)

    response = logged_in_client.get(day_url(today))

    assertContains(response, '79 mg <span class="badge text-bg-warning">incomplete</span>', html=True)
    assertContains(response, '<div class="text-end tabular text-nowrap">no data</div>', html=True)
    assertContains(response, "<dd class=\"col-6 text-end mb-1\">379 mg</dd>", html=True)  # sodium 79 + 300


def test_a_day_with_no_data_for_a_nutrient_says_so(logged_in_client, log_food, make_food, today):
    log_food(make_food("Mystery stew", magnesium_mg=20), 100)
    response = logged_in_client.get(day_url(today))
    assertContains(response, 'no data <span class="badge text-bg-warning">incomplete</span>', html=True)


def test_it_hides_other_users_meals(logged_in_client, other_user, log_food, spinach, today):
    log_food(spinach, 100, owner=other_user)
    response = logged_in_client.get(day_url(today))
    assertNotContains(response, "/edit/")
    assertContains(response, "Nothing logged.", count=4)
    assertContains(response, "<strong>0 mg</strong>", html=True)


def test_today_is_the_users_local_day_not_the_servers(logged_in_client, user, log_food, spinach):
    # One of these zones is on another calendar day than UTC at any moment.
    server_today = datetime.now(ZoneInfo("UTC")).date()
    zone = next(
        name for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
        if datetime.now(ZoneInfo(name)).date() != server_today
    )
    Profile.objects.filter(user=user).update(time_zone=zone)
    local_today = datetime.now(ZoneInfo(zone)).date()
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
        take_supplement(user, today, 5)
        make_note(user, recorded_at=timezone.now())

    # Exactly: session, user, profile, entries, food totals, supplement total, doses, symptom summary, notes,
    # suggested foods and their portions.
    with django_assert_num_queries(11):
        response = logged_in_client.get(day_url(today))

    assertContains(response, "7.90 mg", count=30)
    assertContains(response, "Foods that would close today")


def test_an_infants_day_has_an_adequate_intake_and_no_upper_limit(logged_in_client, user, today):
    Profile.objects.filter(user=user).update(birth_date=today - timedelta(days=100), sex="male")
    response = logged_in_client.get("/today/")
    assertContains(response, "of 30 mg")  # AI for infants 0-6 months
    assertContains(response, "AI for infants 0-6 months")
    assertContains(response, "none set for infants")


def test_a_past_day_over_the_upper_limit_is_warned_once_in_words_for_that_day(logged_in_client, woman_of_40,
                                                                               yesterday):
    take_supplement(woman_of_40, yesterday, 400)
    response = logged_in_client.get(day_url(yesterday))
    assertContains(response, "114% of 350 mg")
    assertContains(response, "above the upper limit", count=1)
    assertContains(response, f"On {yesterday:%-d %b %Y} your supplements gave 400.00 mg of magnesium")
    assertNotContains(response, "Supplements today")
