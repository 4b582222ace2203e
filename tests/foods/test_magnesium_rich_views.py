"""Magnesium-rich foods: basic foods ranked by the magnesium in their typical portion, grouped by category.

The typical portion is the USDA measure closest to the FDA reference amount of the food's class (foods.racc).
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from foods.models import Food, Portion
from journal.models import Profile
from tests.builders import make_food

pytestmark = pytest.mark.django_db
URL = reverse("foods:rich")


@pytest.fixture
def foods(user):
    return {
        "pumpkin": make_food("Seeds, pumpkin and squash seed kernels, dried", source_id="12014", magnesium_mg="592",
                             category="Nut and Seed Products", portions=[("1 cup", "129"), ("1 oz", "28.35")]),
        "beans": make_food("Beans, black, mature seeds, cooked, boiled, without salt", source_id="16015",
                           magnesium_mg="70", category="Legumes and Legume Products", portions=[("1 cup", "172")]),
        "spinach": make_food("Spinach, cooked, boiled, drained, without salt", source_id="11458", magnesium_mg="87",
                             category="Vegetables and Vegetable Products", portions=[("1 cup", "180")]),
        "molasses": make_food("Molasses", source_id="19304", magnesium_mg="242", category="Sweets",
                              portions=[("1 cup", "337"), ("1 serving 1 tbsp", "20")]),
        "dry beans": make_food("Beans, black, mature seeds, raw", source_id="16014", magnesium_mg="171",
                               category="Legumes and Legume Products", portions=[("1 cup", "194")]),
        "baby": make_food("Babyfood, vegetables, spinach, creamed, strained", source_id="03127", magnesium_mg="55",
                          category="Baby Foods", portions=[("1 cup", "240")]),
        "fast": make_food("Fast foods, burrito, with beans", source_id="21060", magnesium_mg="40",
                          category="Fast Foods", portions=[("2 pieces", "217")]),
        "branded": make_food("Cereals ready-to-eat, NATURE'S PATH, Organic FLAX PLUS, Pumpkin Granola",
                             source_id="08571", magnesium_mg="40", category="Breakfast Cereals",
                             portions=[(".75 cup", "55")]),
        "no data": make_food("Candies, MARS SNACKFOOD US, DOVE Dark Chocolate", source_id="19255",
                             category="Sweets", portions=[("1 serving", "37")]),
        "no portion": make_food("Seeds, hemp seed, hulled", source_id="12012", magnesium_mg="700",
                                category="Nut and Seed Products"),
        "custom": make_food("Alice's magnesium shake", source=Food.Source.CUSTOM, owner=user, magnesium_mg="1500",
                            portions=[("1 bottle", "330")]),
    }


def test_it_ranks_basic_foods_by_magnesium_in_their_typical_portion(logged_in_client, foods):
    response = logged_in_client.get(URL)
    # Pumpkin seeds by the ounce, not the cup: 592 x 28.35 g = 167.83 mg (40% of 420 mg);
    # spinach 87 x 180 g = 156.6 mg (37%); black beans 70 x 172 g = 120.4 mg (29%); molasses 242 x 20 g = 48.4 mg.
    # Shown in whole mg: 168, 157, 120 and 48 mg.
    assertContains(response, ">168 mg<")
    assertContains(response, "40%")
    assertContains(response, ">157 mg<")
    assertContains(response, ">120 mg<")
    assertContains(response, ">48 mg<")
    assertNotContains(response, "764 mg")  # the cup of seeds, 592 x 129 g = 763.68 mg
    assertNotContains(response, "816 mg")  # the cup of molasses, 242 x 337 g = 815.54 mg
    content = response.content.decode()
    assert content.index("Seeds, pumpkin") < content.index("Spinach, cooked") < content.index("Beans, black")
    assert content.index("Beans, black") < content.index("Molasses")


def test_shares_are_of_the_persons_own_goal(logged_in_client, user, foods):
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = date(profile.today().year - 40, 1, 1), Profile.Sex.FEMALE
    profile.save()
    response = logged_in_client.get(URL)
    # Women 31-50: RDA 320 mg. An ounce of pumpkin seeds, 167.83 mg, is 167.83 x 100 / 320 = 52.4%: 52%.
    assertContains(response, "Shares are of your goal, 320 mg a day: RDA for females 31-50 years.")
    assertContains(response, "52% of your goal")


@override_settings(FOOD_PAGE_GOAL=None)
def test_without_the_journals_goal_shares_are_of_the_daily_value(logged_in_client, foods):
    response = logged_in_client.get(URL)
    # 167.83 x 100 / 420 = 40.0%.
    assertContains(response, "Shares are of your goal, 420 mg a day: Daily Value.")
    assertContains(response, "40% of your goal")


def test_it_explains_each_portion_by_its_reference_amount(logged_in_client, foods):
    response = logged_in_client.get(URL)
    assertContains(response, "1 oz (28.35 g), nearest the 30 g reference amount for nuts and seeds · Excellent source")
    assertContains(response, "1 serving 1 tbsp (20 g), nearest the 20 g reference amount for syrups, honey")
    assertContains(response, "21 CFR 101.12(b)")


def test_it_groups_foods_by_category(logged_in_client, foods):
    response = logged_in_client.get(URL)
    assertContains(response, "Nut and Seed Products</h2>")
    assertContains(response, "Legumes and Legume Products</h2>")


def test_it_leaves_out_ingredients_eaten_only_once_cooked(logged_in_client, foods):
    assertNotContains(logged_in_client.get(URL), "Beans, black, mature seeds, raw")


def test_it_leaves_out_baby_restaurant_branded_custom_and_unknown_foods(logged_in_client, foods):
    response = logged_in_client.get(URL)
    for left_out in ("baby", "fast", "no data", "no portion"):
        assertNotContains(response, foods[left_out].name)
    assertNotContains(response, "Organic FLAX PLUS")
    assertNotContains(response, "magnesium shake")


def test_each_food_can_be_logged_in_its_typical_portion(logged_in_client, foods):
    pumpkin = foods["pumpkin"]
    ounce = pumpkin.portions.get(description="1 oz")
    response = logged_in_client.get(URL)
    assertContains(response, f'{reverse("journal:meal_add")}?food={pumpkin.pk}&amp;portion={ounce.pk}')


def test_the_curated_table_puts_seeds_natto_and_cooked_greens_on_top(logged_in_client):
    call_command("load_foods", stdout=StringIO())
    content = logged_in_client.get(URL).content.decode()
    top = [food.name for food in Food.objects.filter(source="sr28", source_id__in=[
        "12012",  # hemp seed, 3 tbsp (30 g): 210 mg
        "16113",  # natto, 1 cup (175 g): 201.25 mg
        "12014",  # pumpkin seeds, 1 oz: 167.83 mg
        "11458",  # spinach, boiled, 1 cup (180 g): 156.6 mg
        "11148",  # Swiss chard, boiled, 1 cup chopped (175 g): 150.5 mg
    ])]
    assert len(top) == 5
    for name in top:
        assert name in content
    ranked = [portion.food.name for portion in Portion.objects.magnesium_rich(10)]
    assert set(top) <= set(ranked)
    assert "Rice bran, crude" not in content  # an ingredient: 921 mg by the cup
    assert "1 cup (337 g)" not in content  # molasses by the cup


def test_it_runs_a_fixed_number_of_queries(logged_in_client, foods, django_assert_max_num_queries):
    for number in range(30):
        make_food(f"Seeds, sample {number}", source_id=f"7{number:04}", magnesium_mg="300",
                  category="Nut and Seed Products", portions=[("1 oz", "28.35")])
    logged_in_client.get(URL)  # creates the profile
    with django_assert_max_num_queries(4):
        assertContains(logged_in_client.get(URL), "Seeds, sample 29")
