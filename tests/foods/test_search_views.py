"""The search URL: a page for people, JSON for the type-ahead, and only the user's own custom foods."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from foods.models import Food
from tests.builders import make_food

pytestmark = pytest.mark.django_db
URL = reverse("foods:search")


def test_it_lists_matching_foods_with_links_to_their_page_and_to_log_them(logged_in_client, pumpkin_seeds):
    response = logged_in_client.get(URL, {"q": "pumpkin seeds"})
    assertContains(response, "Seeds, pumpkin and squash seed kernels, dried")
    assertContains(response, "USDA SR28, NDB 12014")
    assertContains(response, "592 mg")
    assertContains(response, f'href="{pumpkin_seeds.get_absolute_url()}"')
    assertContains(response, f'href="{reverse("journal:meal_add")}?food={pumpkin_seeds.pk}"')


def test_it_says_so_when_nothing_matches(logged_in_client, pumpkin_seeds):
    assertContains(logged_in_client.get(URL, {"q": "xylophone"}), "No food matches “xylophone”")


def test_it_answers_json_with_the_documented_shape(logged_in_client, pumpkin_seeds):
    response = logged_in_client.get(URL, {"q": "pumpkin seed"}, headers={"Accept": "application/json"})
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [
            {
                "id": pumpkin_seeds.pk,
                "name": "Seeds, pumpkin and squash seed kernels, dried",
                "matched_name": "",
                "category": "Nut and Seed Products",
                "source": "sr28",
                "source_label": "SR28",
                "source_id": "12014",
                "magnesium_mg_per_100g": "592",
                "portions": [
                    {"id": pumpkin_seeds.portions.get(position=1).pk, "description": "1 cup", "grams": "129"},
                    {"id": pumpkin_seeds.portions.get(position=2).pk, "description": "1 oz", "grams": "28.35"},
                ],
                "url": f"/foods/{pumpkin_seeds.pk}/",
            }
        ]
    }


def test_format_json_works_without_the_accept_header(logged_in_client, pumpkin_seeds):
    response = logged_in_client.get(URL, {"q": "pumpkin", "format": "json"})
    assert [result["source_id"] for result in response.json()["results"]] == ["12014"]


def test_unknown_magnesium_is_null_not_zero(logged_in_client):
    make_food("Sea salt, flakes", source_id="99999")
    response = logged_in_client.get(URL, {"q": "salt", "format": "json"})
    assert response.json()["results"][0]["magnesium_mg_per_100g"] is None


def test_it_hides_other_users_custom_foods(logged_in_client, user, other_user):
    make_food("Alice's magnesium bar", source=Food.Source.CUSTOM, owner=user, magnesium_mg="120")
    make_food("Bob's magnesium bar", source=Food.Source.CUSTOM, owner=other_user, magnesium_mg="150")
    response = logged_in_client.get(URL, {"q": "magnesium bar"})
    assertContains(response, "Alice&#39;s magnesium bar")
    assertNotContains(response, "Bob")
    names = [r["name"] for r in logged_in_client.get(URL, {"q": "bar", "format": "json"}).json()["results"]]
    assert names == ["Alice's magnesium bar"]


def test_an_empty_query_shows_the_form_only(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, 'name="q"')
    assertNotContains(response, "No food matches")


def test_it_runs_a_fixed_number_of_queries(logged_in_client, pumpkin_seeds, django_assert_max_num_queries):
    for number in range(30):
        make_food(f"Seeds, pumpkin, test sample {number}", source_id=f"8{number:04}", portions=[("1 cup", "129")])
    logged_in_client.get(URL, {"q": "seeds"})  # warms the in-process index
    with django_assert_max_num_queries(7):
        response = logged_in_client.get(URL, {"q": "pumpkin seeds", "format": "json"})
    assert len(response.json()["results"]) == 20


def test_it_tells_apart_one_name_in_two_releases(logged_in_client):
    make_food("Spinach, raw", source_id="11457", magnesium_mg="79")
    make_food("Spinach, raw", source=Food.Source.FNDDS, source_id="72125100", magnesium_mg="93")
    response = logged_in_client.get(URL, {"q": "spinach raw"})
    assertContains(response, ">SR28</span>")
    assertContains(response, ">FNDDS</span>")
    results = logged_in_client.get(URL, {"q": "spinach raw", "format": "json"}).json()["results"]
    assert {(result["source_label"], result["magnesium_mg_per_100g"]) for result in results} == {
        ("SR28", "79"), ("FNDDS", "93"),
    }


def test_a_result_found_by_another_name_shows_that_name(logged_in_client):
    make_food("Peppers, sweet, red, raw", source_id="11821", magnesium_mg="12")
    response = logged_in_client.get(URL, {"q": "capsicum"})
    assertContains(response, '<span class="fw-semibold">capsicum:</span> <a href=', html=False)
    assertContains(response, "Peppers, sweet, red, raw")
    results = logged_in_client.get(URL, {"q": "capsicum", "format": "json"}).json()["results"]
    assert [(result["matched_name"], result["name"]) for result in results] == [
        ("capsicum", "Peppers, sweet, red, raw"),
    ]
    by_own_name = logged_in_client.get(URL, {"q": "sweet pepper", "format": "json"}).json()["results"]
    assert by_own_name[0]["matched_name"] == ""
