"""Magnesium-rich foods: basic foods ranked by the magnesium in their first USDA portion, grouped by category."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from foods.models import Food
from tests.foods.food_builders import make_food

pytestmark = pytest.mark.django_db
URL = reverse("foods:rich")


@pytest.fixture
def foods(user):
    return {
        "pumpkin": make_food("Seeds, pumpkin and squash seed kernels, dried", source_id="12014", magnesium_mg="592",
                             category="Nut and Seed Products", portions=[("1 cup", "129"), ("1 oz", "28.35")]),
        "beans": make_food("Beans, black, mature seeds, cooked, boiled, without salt", source_id="16015",
                           magnesium_mg="70", category="Legumes and Legume Products", portions=[("1 cup", "172")]),
        "spinach": make_food("Spinach, raw", source_id="11457", magnesium_mg="79",
                             category="Vegetables and Vegetable Products",
                             portions=[("1 cup", "30"), ("1 bunch", "340")]),
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


def test_it_ranks_basic_foods_by_magnesium_in_their_first_portion(logged_in_client, foods):
    response = logged_in_client.get(URL)
    # 592 x 129 g = 763.68 mg (182% of 420 mg); 70 x 172 g = 120.4 mg (29%); 79 x 30 g = 23.7 mg (6%).
    assertContains(response, "763.68 mg")
    assertContains(response, "182%")
    assertContains(response, "120.4 mg")
    assertContains(response, "23.7 mg")
    content = response.content.decode()
    assert content.index("Seeds, pumpkin") < content.index("Beans, black") < content.index("Spinach, raw")


def test_it_groups_foods_by_category_and_explains_the_portion_rule(logged_in_client, foods):
    response = logged_in_client.get(URL)
    assertContains(response, "Nut and Seed Products</h2>")
    assertContains(response, "Legumes and Legume Products</h2>")
    assertContains(response, "the first household measure USDA")


def test_it_leaves_out_baby_restaurant_branded_custom_and_unknown_foods(logged_in_client, foods):
    response = logged_in_client.get(URL)
    for left_out in ("baby", "fast", "no data", "no portion"):
        assertNotContains(response, foods[left_out].name)
    assertNotContains(response, "NATURE&#x27;S PATH")
    assertNotContains(response, "magnesium shake")


def test_each_food_can_be_logged_in_its_portion(logged_in_client, foods):
    pumpkin = foods["pumpkin"]
    first_cup = pumpkin.portions.get(description="1 cup")
    response = logged_in_client.get(URL)
    assertContains(response, f'{reverse("journal:meal_add")}?food={pumpkin.pk}&amp;portion={first_cup.pk}')


def test_it_runs_a_fixed_number_of_queries(logged_in_client, foods, django_assert_max_num_queries):
    for number in range(30):
        make_food(f"Seeds, sample {number}", source_id=f"7{number:04}", magnesium_mg="300",
                  category=f"Group {number % 7}", portions=[("1 oz", "28.35")])
    logged_in_client.get(URL)  # creates the profile
    with django_assert_max_num_queries(5):
        assertContains(logged_in_client.get(URL), "Seeds, sample 29")
