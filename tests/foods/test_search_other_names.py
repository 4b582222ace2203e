"""Search in the words people use: other Englishes, short forms, words run together or split, the head food.

Every name below is a real USDA name (SR28 NDB number, FNDDS food code or Foundation fdc_id beside it).
"""

import csv
from collections import Counter

import pytest

from foods.models import Food
from foods.search import OTHER_NAMES_CSV, search, words
from tests.builders import make_food, make_foods

SR28, FNDDS, FOUNDATION = Food.Source.SR28, Food.Source.FNDDS, Food.Source.FOUNDATION

pytestmark = pytest.mark.django_db


def names(query, user):
    return [food.name for food in search(query, user)]


def shown(query, user):
    """Each result as the page shows it: "capsicum: Peppers, sweet, red, raw"."""
    return [f"{food.matched_name}: {food.name}" if food.matched_name else food.name for food in search(query, user)]


@pytest.fixture
def usda_foods():
    """The foods behind the other names, with decoys that share a word."""
    return make_foods(
        ("Peppers, sweet, red, raw", SR28, "11821"),
        ("Peppers, hot chili, red, raw", SR28, "11819"),
        ("Peppers, sweet, pickled", FNDDS, "75511020"),  # entered before the raw pepper, and less plain
        ("Beef, ground, 80% lean meat / 20% fat, raw", SR28, "23572"),
        ("Beef, round, top round, raw", SR28, "23640"),
        ("Mincemeat, pie filling", FNDDS, "53370000"),  # decoy for "mince": prefix, not the meat
        ("Cream, fluid, heavy whipping", SR28, "01053"),
        ("Cream, fluid, light (coffee cream or table cream)", SR28, "01050"),
        ("Sugars, powdered", SR28, "19336"),
        ("Sugars, granulated", SR28, "19335"),
        ("Cookie, butter or sugar, with chocolate icing or filling", FNDDS, "53244010"),
        ("Oil, canola", SR28, "04582"),
        ("Oil, olive, salad or cooking", SR28, "04053"),
        ("Potato, french fries, NFS", FNDDS, "71400990"),
        ("Potato chips, NFS", FNDDS, "71200010"),
        ("Crisp, apple", FNDDS, "53415100"),
        ("Cookie, chocolate chip", FNDDS, "53206000"),
        ("Biscuit, NFS", FNDDS, "52101000"),
        ("Eggplant, raw", SR28, "11209"),
        ("Squash, summer, zucchini, includes skin, raw", SR28, "11477"),
        ("Arugula, raw", SR28, "11959"),
        ("Rutabagas, raw", SR28, "11435"),
        ("Beets, raw", SR28, "11080"),
        ("Crustaceans, shrimp, raw", SR28, "15270"),
        ("Oatmeal, NFS", FNDDS, "56202960"),
        ("Oats", SR28, "08120"),
        ("Soup, vegetable", FNDDS, "75649110"),
        ("Soup, chicken noodle", FNDDS, "28340310"),
        ("Sauce, barbecue", SR28, "06150"),
        ("Chicken curry with rice", FNDDS, "27146155"),
        ("Orange juice, raw", SR28, "09206"),
        ("Peanut butter", FNDDS, "42202000"),
        ("Peanuts, raw", FOUNDATION, "2515376"),
        ("Pears, raw", SR28, "09252"),
        ("Macaroni or noodles with cheese", FNDDS, "58145110"),
        ("Sweet potato, NFS", FNDDS, "73401000"),
        ("Potato, baked, NFS", FNDDS, "71100100"),
        ("Green beans, raw", FNDDS, "75101800"),
        ("Beans, black, mature seeds, raw", SR28, "16014"),
        ("Soy sauce", FNDDS, "41420300"),
        ("Sauce, pasta, spaghetti/marinara, ready-to-serve", SR28, "06931"),
        ("Watermelon, raw", SR28, "09326"),
        ("Candies, milk chocolate", SR28, "19120"),
        ("Chocolate milk, NFS", FNDDS, "11511000"),
        ("Beef, variety meats and by-products, heart, raw", SR28, "13321"),
        ("Hearts of palm, raw", SR28, "43392"),
        ("Cocoa, dry powder, unsweetened", SR28, "19165"),
        ("Hot chocolate / cocoa, NFS", FNDDS, "11512005"),
        ("Beverages, Cocoa mix, powder", SR28, "14195"),
    )


@pytest.mark.parametrize(
    "query, food",
    [
        ("capsicum", "capsicum: Peppers, sweet, red, raw"),  # Australian, New Zealand, Indian
        ("minced beef", "minced beef: Beef, ground, 80% lean meat / 20% fat, raw"),  # British, Irish
        ("mince", "mince: Beef, ground, 80% lean meat / 20% fat, raw"),
        ("double cream", "double cream: Cream, fluid, heavy whipping"),
        ("single cream", "single cream: Cream, fluid, light (coffee cream or table cream)"),
        ("icing sugar", "icing sugar: Sugars, powdered"),
        ("caster sugar", "caster sugar: Sugars, granulated"),
        ("rapeseed oil", "rapeseed oil: Oil, canola"),
        ("crisps", "crisps: Potato chips, NFS"),
        ("biscuits", "Biscuit, NFS"),  # the word itself first: USDA's (American) biscuit
        ("brinjal", "brinjal: Eggplant, raw"),
        ("aubergine", "aubergine: Eggplant, raw"),
        ("courgette", "courgette: Squash, summer, zucchini, includes skin, raw"),
        ("rocket", "rocket: Arugula, raw"),
        ("swede", "swede: Rutabagas, raw"),
        ("beetroot", "beetroot: Beets, raw"),
        ("prawns", "prawns: Crustaceans, shrimp, raw"),
        ("porridge", "porridge: Oatmeal, NFS"),
        ("jacket potato", "jacket potato: Potato, baked, NFS"),
    ],
)
def test_a_name_from_another_english_finds_the_usda_food_first_and_says_so(usda_foods, user, query, food):
    assert shown(query, user)[0] == food


def test_a_name_meaning_two_foods_finds_both(usda_foods, user):
    # "chips": french fries in British, Irish, Australian, NZ, South African and Indian English; potato chips in
    # American and Canadian. Both on the first screen, each saying why.
    top = shown("chips", user)[:3]
    assert "Potato chips, NFS" in top
    assert "chips: Potato, french fries, NFS" in top
    # And "biscuits" is both the American biscuit and the British cookie.
    assert "biscuits: Cookie, chocolate chip" in shown("biscuits", user)


def test_the_table_replaces_no_word_of_the_query(usda_foods, user):
    # "crisps" still finds the apple crisp by its own name, without a borrowed name.
    assert "Crisp, apple" in shown("crisps", user)
    assert "mincemeat" not in " ".join(shown("mince", user)[:1]).lower()


@pytest.mark.parametrize(
    "query, food",
    [
        ("choc chip biscuit", "choc: Cookie, chocolate chip"),
        ("veg soup", "veg: Soup, vegetable"),
        ("bbq sauce", "bbq: Sauce, barbecue"),
        ("chicken w/ rice", "Chicken curry with rice"),  # "w/" is "with", a little word search skips
    ],
)
def test_short_forms_typed_on_a_phone_find_the_food(usda_foods, user, query, food):
    assert shown(query, user)[0] == food


@pytest.mark.parametrize(
    "query, food",
    [("oj", "oj: Orange juice, raw"), ("pb", "pb: Peanut butter"), ("kd", "kd: Macaroni or noodles with cheese")],
)
def test_two_letter_words_match_through_the_table(usda_foods, user, query, food):
    assert shown(query, user) == [food]


def test_two_letter_words_never_match_as_a_prefix(usda_foods, user):
    # "pe" begins "Peppers", "Peanuts", "Pears", "Peanut butter": as a prefix it would find them all.
    assert search("pe", user) == []
    assert search("so", user) == []  # "Soup", "Soy sauce"


@pytest.mark.parametrize(
    "query, food",
    [
        ("sweetpotato", "Sweet potato, NFS"),
        ("greenbeans", "Green beans, raw"),
        ("soysauce", "Soy sauce"),
        ("peanutbutter", "Peanut butter"),
    ],
)
def test_two_words_run_together_still_match(usda_foods, user, query, food):
    assert names(query, user)[0] == food


@pytest.mark.parametrize(
    "query, food", [("oat meal", "Oatmeal, NFS"), ("pea nuts", "Peanuts, raw"), ("water melon", "Watermelon, raw")],
)
def test_one_word_typed_as_two_still_matches(usda_foods, user, query, food):
    assert names(query, user)[0] == food


@pytest.mark.parametrize(
    "query, first, after",
    [
        # English names a food by its last word: milk chocolate is chocolate, chocolate milk is milk.
        ("milk chocolate", "Candies, milk chocolate", "Chocolate milk, NFS"),
        ("chocolate milk", "Chocolate milk, NFS", "Candies, milk chocolate"),
        ("beef heart", "Beef, variety meats and by-products, heart, raw", "Hearts of palm, raw"),
    ],
)
def test_the_head_food_of_the_query_leads(usda_foods, user, query, first, after):
    results = names(query, user)
    assert results[0] == first
    assert after not in results or results.index(after) > 0


def test_cocoa_nibs_find_cocoa_before_cocoa_drinks(usda_foods, user):
    # USDA has no cocoa nibs: the cocoa itself, not a drink made of it, is the nearest food.
    assert names("cocoa nibs", user)[0] == "Cocoa, dry powder, unsweetened"


def test_a_food_found_by_its_own_name_says_no_other_name(usda_foods, user):
    assert [food.matched_name for food in search("eggplant", user)] == [""]


def test_the_users_custom_foods_are_found_by_other_names_too(usda_foods, user, other_user):
    make_food("Nan's aubergine bake", source=Food.Source.CUSTOM, owner=user)
    make_food("Bob's aubergine dip", source=Food.Source.CUSTOM, owner=other_user)
    assert "brinjal: Nan's aubergine bake" not in shown("brinjal", user)  # the table maps brinjal to eggplant
    make_food("Eggplant curry, homemade", source=Food.Source.CUSTOM, owner=user)
    assert "brinjal: Eggplant curry, homemade" in shown("brinjal", user)
    assert "Bob" not in " ".join(shown("aubergine", user))


def test_the_other_names_table_is_well_formed():
    lines = [line for line in OTHER_NAMES_CSV.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert len(rows) >= 300
    assert {row["variety"] for row in rows} == {
        "British", "Irish", "Australian", "New Zealand", "South African", "Canadian", "Indian", "short form",
    }
    assert all(row["name"].strip() and row["usda_words"].strip() for row in rows)
    # Plurals, case and accents do not tell names apart: "lolly" and "lollies" are one name.
    per_variety = Counter((tuple(words(row["name"])), row["variety"]) for row in rows)
    assert [key for key, count in per_variety.items() if count > 1] == []


def test_the_type_ahead_finds_an_other_name_as_it_is_typed(usda_foods, user):
    assert shown("courg", user)[0] == "courgette: Squash, summer, zucchini, includes skin, raw"
