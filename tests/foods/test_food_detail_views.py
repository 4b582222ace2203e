"""The food page: figures per 100 g and per portion against the user's goal, with the USDA source."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from foods.labels import claim_for
from foods.models import Food
from journal.models import Profile
from tests.builders import make_food

pytestmark = pytest.mark.django_db


@pytest.fixture
def avocado():
    return make_food(
        "Avocados, raw, all commercial varieties", source_id="09037", magnesium_mg="29",
        category="Fruits and Fruit Juices",
        portions=[("1 cup, cubes", "150"), ("1 cup, pureed", "230"), ("1 cup, sliced", "146"),
                  ("1 avocado, NS as to Florida or California", "201")],
    )


@pytest.fixture
def dark_chocolate():
    return make_food(
        "Chocolate, dark, 70-85% cacao solids", source_id="19904", magnesium_mg="228", category="Sweets",
        portions=[("1 oz", "28.35"), ("1 bar", "101")],
    )


def detail(client, food):
    return client.get(reverse("foods:detail", args=[food.pk]))


def test_it_shows_figures_per_100_g_and_the_usda_source(logged_in_client, pumpkin_seeds):
    response = detail(logged_in_client, pumpkin_seeds)
    assertContains(response, "USDA SR28, NDB 12014")
    assertContains(response, "592 mg")
    assertContains(response, "809 mg")
    assertContains(response, "559 kcal")


def test_it_shows_each_portion_as_a_share_of_the_daily_value_by_default(logged_in_client, pumpkin_seeds):
    response = detail(logged_in_client, pumpkin_seeds)
    # 592 mg/100 g x 129 g = 763.68 mg, 182% of the 420 mg Daily Value; 1 oz (28.35 g) = 167.83 mg, 40%:
    # worked-out amounts in whole mg, the per 100 g figure as USDA gives it.
    assertContains(response, "764 mg")
    assertContains(response, "182%")
    assertContains(response, "168 mg")
    assertContains(response, "40%")
    assertContains(response, "592 mg")
    assertContains(response, "Daily Value")
    assertNotContains(response, "763.68")


def test_it_claims_an_excellent_source_for_the_typical_portion_only(logged_in_client, pumpkin_seeds):
    response = detail(logged_in_client, pumpkin_seeds)
    # The FDA counts claims per 30 g of nuts and seeds: the 1 oz (28.35 g) gives 167.83 mg, 40% of 420 mg.
    # The cup gives 182% too, but a cup of seeds is not what the claim is counted on.
    content = response.content.decode()
    assert content.count("Excellent source") == 1
    assert content.index("1 cup") < content.index("1 oz") < content.index("Excellent source")
    assertContains(response, "the 30 g reference amount for nuts and seeds")


def test_it_measures_portions_against_the_users_own_rda(logged_in_client, user, pumpkin_seeds, frozen_now):
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = datetime.date(1990, 1, 1), Profile.Sex.FEMALE
    profile.save()
    response = detail(logged_in_client, pumpkin_seeds)
    # Women 31-50: RDA 320 mg; 763.68 / 320 = 239%.
    assertContains(response, "320 mg")
    assertContains(response, "RDA for females 31-50 years")
    assertContains(response, "239%")


@override_settings(FOOD_PAGE_GOAL=None)
def test_without_the_journals_goal_the_page_measures_against_the_daily_value(logged_in_client, user, pumpkin_seeds):
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = datetime.date(profile.today().year - 40, 1, 1), Profile.Sex.FEMALE
    profile.save()
    response = detail(logged_in_client, pumpkin_seeds)
    # The same woman, but foods alone knows only the Daily Value: 763.68 / 420 = 182%, not 239% of her 320 mg.
    assertContains(response, "<strong>420 mg</strong> of magnesium a day, Daily Value.")
    assertContains(response, "182%")
    assertNotContains(response, "239%")


def test_a_typical_portion_giving_10_to_19_percent_of_the_daily_value_is_a_good_source(
    logged_in_client, dark_chocolate
):
    response = detail(logged_in_client, dark_chocolate)
    # 228 mg/100 g x 28.35 g = 64.64 mg = 15% of 420 mg; the 101 g bar gives 230.28 mg (55%) but is no claim's basis.
    assertContains(response, "65 mg")
    assertContains(response, "230 mg")
    assertContains(response, "55%")
    assertContains(response, "Good source", count=1)
    assertNotContains(response, "Excellent source")


def test_a_food_without_a_measure_near_its_reference_amount_makes_no_claim(logged_in_client, avocado):
    response = detail(logged_in_client, avocado)
    # Avocado's reference amount is 50 g; USDA's measures (146 to 230 g) are all over 2.5 times it.
    # 29 mg/100 g x 150 g = 43.5 mg, a half that rounds up to 44 mg (10% of 420 mg); x 230 g = 66.7 mg: 67 mg, 16%.
    assertContains(response, "44 mg")
    assertContains(response, "67 mg")
    assertNotContains(response, "Good source")
    assertContains(response, "this food has none, so no claim is made")


def test_each_portion_has_a_log_it_link(logged_in_client, avocado):
    response = detail(logged_in_client, avocado)
    for portion in avocado.portions.all():
        assertContains(response, f'{reverse("journal:meal_add")}?food={avocado.pk}&amp;portion={portion.pk}')


def test_unknown_figures_say_no_data(logged_in_client):
    food = make_food(
        "Candies, MARS SNACKFOOD US, DOVE Dark Chocolate", source_id="19255", portions=[("1 serving", "37")]
    )
    response = detail(logged_in_client, food)
    assertContains(response, "no data", count=8)  # 6 per 100 g, magnesium and share for the portion
    assertNotContains(response, "Good source")


def test_fndds_and_foundation_foods_name_their_own_ids(logged_in_client):
    fndds = make_food("Pumpkin seeds, NFS", source=Food.Source.FNDDS, source_id="43101050", magnesium_mg="550")
    foundation = make_food("Seeds, pumpkin seeds (pepitas), raw", source=Food.Source.FOUNDATION, source_id="2515380")
    assertContains(detail(logged_in_client, fndds), "USDA FNDDS 2021-2023, food code 43101050")
    assertContains(detail(logged_in_client, foundation), "Foundation Foods, FDC ID 2515380")


def test_a_food_without_portions_can_be_logged_by_weight(logged_in_client):
    food = make_food("Beans, black, mature seeds, cooked, boiled, without salt", source_id="16015", magnesium_mg="70")
    assertContains(detail(logged_in_client, food), f'{reverse("journal:meal_add")}?food={food.pk}"')


def test_the_owner_sees_a_custom_food_with_edit_and_delete(logged_in_client, user):
    food = make_food("Magnesium granola", source=Food.Source.CUSTOM, owner=user, magnesium_mg="150")
    response = detail(logged_in_client, food)
    assertContains(response, "Custom food, from a label you entered")
    assertContains(response, reverse("foods:custom_edit", args=[food.pk]))


def test_another_users_custom_food_is_not_found(logged_in_client, other_user):
    food = make_food("Bob's granola", source=Food.Source.CUSTOM, owner=other_user, magnesium_mg="150")
    assert detail(logged_in_client, food).status_code == 404


def test_a_missing_food_is_not_found(logged_in_client):
    assert logged_in_client.get(reverse("foods:detail", args=[999999])).status_code == 404


def test_it_runs_a_fixed_number_of_queries(logged_in_client, django_assert_max_num_queries):
    food = make_food("Nuts, almonds", source_id="12061", magnesium_mg="270",
                     portions=[(f"portion {n}", "10") for n in range(30)])
    detail(logged_in_client, food)  # creates the profile
    with django_assert_max_num_queries(5):
        assertContains(detail(logged_in_client, food), "Nuts, almonds")


@pytest.mark.parametrize(
    "magnesium_mg, claim",
    [("84", "Excellent source"), ("83.99", "Good source"), ("42", "Good source"), ("41.99", ""), (None, "")],
)
def test_claims_follow_the_fda_thresholds_of_the_420_mg_daily_value(magnesium_mg, claim):
    # 21 CFR 101.54: 20% of 420 mg is 84 mg, 10% is 42 mg.
    assert claim_for(magnesium_mg and Decimal(magnesium_mg)) == claim


def test_it_lists_the_names_the_food_goes_by_in_other_englishes(logged_in_client):
    eggplant = make_food("Eggplant, raw", source_id="11209", magnesium_mg="14")
    response = detail(logged_in_client, eggplant)
    assertContains(response, "<strong>aubergine</strong> (British, Irish English)", html=False)
    assertContains(response, "<strong>brinjal</strong> (Indian, South African English)", html=False)
    assertNotContains(response, "<strong>eggplant</strong>")


def test_it_leaves_out_short_forms_and_the_foods_own_name(logged_in_client, dark_chocolate):
    pumpkin = make_food("Pumpkin, raw", source_id="11422", magnesium_mg="12")
    response = detail(logged_in_client, pumpkin)
    assertContains(response, "<strong>kaddu</strong> (Indian English)", html=False)
    assertNotContains(response, "<strong>pumpkin</strong>")  # "pumpkin" (Australian) is its own name
    # "choc" is a short form, not another English.
    assertNotContains(detail(logged_in_client, dark_chocolate), "<strong>choc</strong>")
