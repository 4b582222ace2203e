"""The type-ahead's answer, built from rows rather than model instances: each field as the food and its portions hold
it, a person's own foods among them, and the same foods in the same order however little a worker keeps."""

from decimal import Decimal

import pytest
from django.urls import reverse

from foods.models import Food, Portion, SearchIndexVersion
from foods.search import results, search
from tests.builders import log_food, make_food

pytestmark = pytest.mark.django_db
URL = reverse("foods:search")


def test_a_food_without_portions_has_none_and_portions_come_in_their_order(user):
    make_food("Kelp, raw", source_id="11445", category="Vegetables and Vegetable Products", magnesium_mg="121")
    dulse = make_food("Dulse, dried", source_id="11666", magnesium_mg="0.5",
                      portions=[("1 tbsp", "5"), ("1 cup", "57.1")])
    # A portion moved to the top (position 0, written last) comes first: the order is USDA's, not the rows'.
    Portion.objects.create(food=dulse, description="1 sheet", grams=Decimal("0.25"), position=0)
    found = {result["name"]: result for result in results("kelp dulse", user)}
    kelp = found["Kelp, raw"]
    assert kelp["portions"] == []
    assert (kelp["category"], kelp["source"], kelp["source_label"], kelp["source_id"]) == (
        "Vegetables and Vegetable Products", "sr28", "SR28", "11445",
    )
    assert kelp["magnesium_mg_per_100g"] == "121"
    assert kelp["url"] == f"/foods/{kelp['id']}/"
    dulse_result = found["Dulse, dried"]
    assert dulse_result["magnesium_mg_per_100g"] == "0.5"
    assert [(portion["description"], portion["grams"]) for portion in dulse_result["portions"]] == [
        ("1 sheet", "0.25"), ("1 tbsp", "5"), ("1 cup", "57.1"),
    ]


def test_my_own_food_comes_as_mine_and_to_me_only(logged_in_client, user, other_user):
    mine = make_food("Granola, my seed mix", source=Food.Source.CUSTOM, owner=user, magnesium_mg="151.5",
                     portions=[("label serving", "45")])
    make_food("Granola, Bob's", source=Food.Source.CUSTOM, owner=other_user, magnesium_mg="90")
    make_food("Granola, homemade", source_id="08037", magnesium_mg="174")
    answer = logged_in_client.get(URL, {"q": "granola", "format": "json"}).json()["results"]
    assert [result["name"] for result in answer] == ["Granola, homemade", "Granola, my seed mix"]
    assert answer[1] == {
        "id": mine.pk,
        "name": "Granola, my seed mix",
        "matched_name": "",
        "category": "",
        "source": "custom",
        "source_label": "My food",
        "source_id": "",
        "magnesium_mg_per_100g": "151.5",
        "portions": [{"id": mine.portions.get().pk, "description": "label serving", "grams": "45"}],
        "url": f"/foods/{mine.pk}/",
    }
    # Bob's question, asked next by the same worker, finds Bob's food and not mine.
    assert [result["name"] for result in results("granola", other_user)] == ["Granola, homemade", "Granola, Bob's"]


def test_the_type_ahead_and_the_result_page_find_the_same_foods(user):
    for number in range(25):
        make_food(f"Beans, white, sample {number}", source_id=f"7{number:04}", portions=[("1 cup", "179")])
    page = [food.pk for food in search("white beans", user)]
    assert len(page) == 20
    assert [result["id"] for result in results("white beans", user)] == page


def test_keeping_few_foods_ranking_data_scoring_many_at_once_changes_no_result(user, monkeypatch):
    """Past ENTRIES_KEPT foods a worker reads the others' rows when it scores them, a batch at a time; a batch larger
    than what it keeps must not lose the foods read for it."""
    chickens = [make_food(f"Chicken, broilers or fryers, part {number}, raw", source_id=f"5{number:04}")
                for number in range(12)]
    log_food(user, chickens[7], 100)
    everything_kept = [result["id"] for result in results("chicken", user)]
    monkeypatch.setattr("foods.search.ENTRIES_KEPT", 3)
    monkeypatch.setattr("foods.search.SCORED_A_BATCH", 5)
    SearchIndexVersion.bump()
    assert [result["id"] for result in results("chicken", user)] == everything_kept
    assert [result["id"] for result in results("chick", user)] == everything_kept
    assert everything_kept[0] == chickens[7].pk  # eaten lately


def test_the_type_ahead_runs_the_same_queries_for_one_food_or_twenty(logged_in_client, django_assert_num_queries):
    make_food("Quinoa, cooked", source_id="20137", portions=[("1 cup", "185")])
    logged_in_client.get(URL, {"q": "quinoa", "format": "json"})  # the worker builds its index
    # Session, user, index stamp, own foods, recent foods, the foods found, their portions.
    with django_assert_num_queries(7):
        assert len(logged_in_client.get(URL, {"q": "quinoa", "format": "json"}).json()["results"]) == 1
    for number in range(30):
        make_food(f"Quinoa, sample {number}", source_id=f"6{number:04}", portions=[("1 cup", "170")])
    logged_in_client.get(URL, {"q": "quinoa", "format": "json"})
    with django_assert_num_queries(7):
        assert len(logged_in_client.get(URL, {"q": "quinoa", "format": "json"}).json()["results"]) == 20
