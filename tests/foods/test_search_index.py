"""What each worker keeps of the shared foods' search index, and that keeping less changes no result.

A worker keeps every shared food's words (compact postings) but the ranking data of only ENTRIES_KEPT foods; it
scores the candidates best first and stops at one that could not make the list."""

import pytest

from foods.models import Food, SearchIndexVersion
from foods.search import search
from tests.builders import log_food, make_food, make_foods

pytestmark = pytest.mark.django_db


def names(query, user):
    return [food.name for food in search(query, user)]


def brand(n):
    """AAMART, ABMART, ...: a capitalised word, as a brand is in USDA names."""
    return f"{chr(65 + n // 26)}{chr(65 + n % 26)}MART"


@pytest.fixture
def chickens():
    """Thirty branded chickens made first, then the basic ones a person means, last in the table."""
    foods = make_foods(*((f"{brand(n)} Chicken nuggets", Food.Source.FNDDS, f"9{n:04}") for n in range(30)))
    return foods + make_foods(
        ("Chicken, broilers or fryers, breast, meat only, raw", Food.Source.SR28, "05062"),
        ("Chicken, feet, boiled", Food.Source.SR28, "05187"),
        ("Soup, chicken noodle, canned", Food.Source.SR28, "06019"),
    )


@pytest.fixture
def worker_keeping_little(monkeypatch):
    """A worker that keeps one food's entry and scores one candidate at a time, its index built afresh."""
    monkeypatch.setattr("foods.search.ENTRIES_KEPT", 1)
    monkeypatch.setattr("foods.search.SCORED_A_BATCH", 1)
    SearchIndexVersion.bump()


def test_the_basic_food_comes_first_among_many_branded_ones_found_later(user, chickens):
    found = names("chicken", user)
    assert len(found) == 20  # of 33 chickens
    # The breast: about chicken (+3), basic, its qualifiers cost at most 1.5; the feet another part (+3 - 2 - 0.05);
    # the soup another dish (-2 - 0.6); the branded nuggets (-4 + 3, "nugget" and the brand -2 each) after them,
    # in the order they were made.
    assert found == ["Chicken, broilers or fryers, breast, meat only, raw", "Chicken, feet, boiled",
                     "Soup, chicken noodle, canned", *(f"{brand(n)} Chicken nuggets" for n in range(17))]


def test_keeping_few_entries_changes_no_result(user, chickens, worker_keeping_little):
    log_food(user, chickens[29], 100)  # a recent food comes first, wherever it is in the table
    found = names("chicken", user)
    assert found[:4] == ["BDMART Chicken nuggets", "Chicken, broilers or fryers, breast, meat only, raw",
                         "Chicken, feet, boiled", "Soup, chicken noodle, canned"]
    assert names("chick", user) == found  # the prefix finds the same, ranked the same
    assert names("nugget", user)[0] == "BDMART Chicken nuggets"


def test_a_shared_food_renamed_is_found_by_its_new_name_only(user, chickens, worker_keeping_little):
    assert names("pheasant", user) == []
    food = chickens[-1]
    food.name = "Pheasant, raw"
    food.save()
    assert names("pheasant", user) == ["Pheasant, raw"]
    assert "Soup, chicken noodle, canned" not in names("chicken", user)
    food.delete()
    SearchIndexVersion.bump()
    assert names("pheasant", user) == []


def test_another_users_food_is_never_found(user, other_user, chickens, worker_keeping_little):
    make_food("Chicken, grandma's", source=Food.Source.CUSTOM, owner=other_user)
    mine = make_food("Chicken, my own roast", source=Food.Source.CUSTOM, owner=user)
    log_food(user, mine, 100)
    found = names("chicken", user)
    assert found[0] == "Chicken, my own roast"
    assert "Chicken, grandma's" not in found
    assert "Chicken, grandma's" in names("grandma", other_user)
    assert names("grandma", user) == []
