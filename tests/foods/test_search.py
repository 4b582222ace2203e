"""Search ranking on real USDA names: the obvious food comes first whatever the wording."""

from datetime import date

import pytest

from foods.models import Food
from foods.search import reindex, search, words
from tests.builders import log_food, make_food, make_foods

SR28, FNDDS, FOUNDATION = Food.Source.SR28, Food.Source.FNDDS, Food.Source.FOUNDATION

pytestmark = pytest.mark.django_db


def names(query, user):
    return [food.name for food in search(query, user)]


@pytest.fixture
def usda_foods():
    """A slice of SR28, FNDDS and Foundation names around the foods people ask for, decoys included."""
    return make_foods(
        ("Beans, black, mature seeds, raw", SR28, "16014"),
        ("Beans, black, mature seeds, cooked, boiled, without salt", SR28, "16015"),
        ("Soup, black bean, canned, condensed", SR28, "06002"),
        ("Fast foods, burrito, with beans", SR28, "21060"),
        ("Babyfood, vegetables, green beans, strained", SR28, "03091"),
        ("Black beans, from dried, no added fat", FNDDS, "41102020"),
        ("Chocolate, dark, 70-85% cacao solids", SR28, "19904"),
        ("Candies, SPECIAL DARK Chocolate Bar", SR28, "19164"),
        ("KEEBLER, FUDGE SHOPPE, Fudge Stripes, Dark Chocolate", SR28, "28087"),
        ("Candies, dark chocolate coated coffee beans", SR28, "19268"),
        ("Avocados, raw, all commercial varieties", SR28, "09037"),
        ("Avocados, raw, California", SR28, "09038"),
        ("Oil, avocado", SR28, "04581"),
        ("Seeds, pumpkin and squash seed kernels, dried", SR28, "12014"),
        ("Pumpkin seeds, NFS", FNDDS, "43101050"),
        ("Pumpkin, raw", SR28, "11422"),
        ("Fish, sunfish, pumpkin seed, raw", SR28, "15108"),
        ("Spices, pumpkin pie spice", SR28, "02035"),
        ("Spinach, raw", SR28, "11457"),
        ("Spinach, frozen, chopped or leaf, cooked, boiled, drained, without salt", SR28, "11464"),
        ("Babyfood, vegetables, spinach, creamed, strained", SR28, "03127"),
        ("Nuts, almonds", SR28, "12061"),
        ("Almonds, unroasted", FNDDS, "42101000"),
        ("Almond chicken", FNDDS, "27445250"),
        ("Almond milk, unsweetened", FNDDS, "11350020"),
        ("Lentils, raw", SR28, "16069"),
        ("Lentils, mature seeds, cooked, boiled, without salt", SR28, "16070"),
        ("SMART SOUP, French Lentil", SR28, "06620"),
        ("Soup, lentil with ham, canned, ready-to-serve", SR28, "06037"),
    )


@pytest.mark.parametrize(
    "query, obvious_food",
    [
        ("black beans", "Beans, black, mature seeds, cooked, boiled, without salt"),
        ("dark chocolate", "Chocolate, dark, 70-85% cacao solids"),
        ("avacado", "Avocados, raw, all commercial varieties"),
        ("pumpkin seeds", "Seeds, pumpkin and squash seed kernels, dried"),
    ],
)
def test_the_obvious_food_is_on_the_first_screen(usda_foods, user, query, obvious_food):
    assert obvious_food in names(query, user)[:5]


def test_word_order_does_not_matter(usda_foods, user):
    assert names("chocolate dark", user) == names("dark chocolate", user)
    assert names("chocolate dark", user)[0] == "Chocolate, dark, 70-85% cacao solids"


@pytest.mark.parametrize(
    "singular, plural",
    [("pumpkin seed", "pumpkin seeds"), ("black bean", "black beans"), ("avocado", "avocados"), ("almond", "almonds")],
)
def test_singular_and_plural_find_the_same_foods(usda_foods, user, singular, plural):
    assert names(singular, user) == names(plural, user)
    assert names(singular, user)


@pytest.mark.parametrize(
    "typo, food",
    [
        ("avacado", "Avocados, raw, all commercial varieties"),
        ("spinnach", "Spinach, raw"),
        ("almnds", "Nuts, almonds"),
        ("pumpkin seesd", "Seeds, pumpkin and squash seed kernels, dried"),
    ],
)
def test_a_one_letter_typo_still_finds_the_food(usda_foods, user, typo, food):
    assert food in names(typo, user)[:3]


def test_a_word_prefix_finds_foods_as_you_type(usda_foods, user):
    assert names("avoc", user)[0].startswith("Avocados, raw")


def test_basic_foods_come_before_branded_baby_and_restaurant_foods(usda_foods, user):
    assert names("dark chocolate", user)[0] == "Chocolate, dark, 70-85% cacao solids"
    assert names("dark chocolate", user)[-1] == "KEEBLER, FUDGE SHOPPE, Fudge Stripes, Dark Chocolate"
    assert names("spinach", user)[-1] == "Babyfood, vegetables, spinach, creamed, strained"
    assert names("lentil", user).index("SMART SOUP, French Lentil") > names("lentil", user).index("Lentils, raw")


def test_the_food_named_first_beats_a_dish_that_mentions_it(usda_foods, user):
    results = names("almonds", user)
    assert results.index("Nuts, almonds") < results.index("Almond chicken")
    assert names("avocado", user).index("Oil, avocado") > 1
    assert names("pumpkin seeds", user).index("Fish, sunfish, pumpkin seed, raw") >= 2


@pytest.mark.parametrize(
    "query, food",
    [
        ("cooked lentils", "Lentils, mature seeds, cooked, boiled, without salt"),
        ("raw lentils", "Lentils, raw"),
        ("raw spinach", "Spinach, raw"),
        ("cooked spinach", "Spinach, frozen, chopped or leaf, cooked, boiled, drained, without salt"),
    ],
)
def test_a_query_naming_a_state_prefers_that_state(usda_foods, user, query, food):
    assert names(query, user)[0] == food


@pytest.mark.parametrize(
    "query, plain, odd",
    [
        ("milk", ("Milk, whole, 3.25% milkfat, with added vitamin D", SR28, "01077"),
         ("Milk, buttermilk, dried", SR28, "01094")),
        ("tofu", ("Tofu, raw, firm, prepared with calcium sulfate", SR28, "16426"), ("Tofu, fried", SR28, "16129")),
        ("egg", ("Egg, whole, raw, fresh", SR28, "01123"), ("Egg, whole, dried", FOUNDATION, "329490")),
        ("chicken", ("Chicken, ground, raw", SR28, "05332"), ("Chicken, feet, boiled", SR28, "05335")),
        ("black beans", ("Black beans, from dried, no added fat", FNDDS, "41102020"),
         ("Black beans with meat", FNDDS, "41102170")),
        ("walnuts", ("Nuts, walnuts, english", SR28, "12155"), ("Walnuts, honey roasted", FNDDS, "42116100")),
        ("brown rice", ("Rice, brown, cooked, no added fat", FNDDS, "56205018"),
         ("Rice, brown, cooked, as ingredient", FNDDS, "99995625")),
        ("cooked lentils", ("Lentils, mature seeds, cooked, boiled, without salt", SR28, "16070"),
         ("Lentils, mature seeds, cooked, boiled, with salt", SR28, "16370")),
    ],
)
def test_the_plain_food_beats_a_dried_fried_salted_form_or_another_dish(user, query, plain, odd):
    # Entered odd one first, so the older row does not win a tie.
    make_foods(odd, plain)
    assert names(query, user) == [plain[0], odd[0]]


def test_a_query_naming_the_form_finds_that_form_first(user):
    make_foods(("Milk, buttermilk, dried", SR28, "01094"), ("Milk, buttermilk, fluid, whole", SR28, "01230"))
    assert names("dried buttermilk", user)[0] == "Milk, buttermilk, dried"


def test_fast_food_anywhere_in_a_name_and_fndds_brands_in_brackets_are_not_basic_foods():
    oatmeal, bar, steak = make_foods(
        ("Oatmeal, fast food, plain", FNDDS, "56202900"),
        ("Cereal or granola bar (Kashi Chewy)", FNDDS, "53710800"),
        ("Beef, short loin (NY strip steak), raw", FOUNDATION, "2727572"),
    )
    kinds = dict(Food.objects.values_list("source_id", "kind"))
    assert kinds[oatmeal.source_id] == Food.Kind.RESTAURANT
    assert kinds[bar.source_id] == Food.Kind.BRANDED
    assert kinds[steak.source_id] == Food.Kind.BASIC


def test_the_users_recent_foods_rank_up(usda_foods, user):
    almond_milk = Food.objects.get(source_id="11350020")
    assert names("almond", user)[0] != almond_milk.name
    log_food(user, almond_milk, 240, date(2026, 11, 24))
    assert names("almond", user)[0] == almond_milk.name


def test_another_users_recent_foods_change_nothing(usda_foods, user, other_user):
    before = names("almond", user)
    log_food(other_user, Food.objects.get(source_id="11350020"), 240, date(2026, 11, 24))
    assert names("almond", user) == before


def test_it_finds_the_users_custom_foods_and_never_another_users(usda_foods, user, other_user):
    make_food("Grandma's pumpkin seed bar", source=Food.Source.CUSTOM, owner=user)
    make_food("Bob's pumpkin seed butter", source=Food.Source.CUSTOM, owner=other_user)
    results = names("pumpkin seed", user)
    assert "Grandma's pumpkin seed bar" in results
    assert "Bob's pumpkin seed butter" not in results


def test_it_returns_at_most_twenty_foods(user):
    for number in range(25):
        make_food(f"Beans, test variety {number}", source_id=f"9{number:04}")
    assert len(search("beans", user)) == 20


def test_an_empty_or_unknown_query_finds_nothing(usda_foods, user):
    assert search("", user) == []
    assert search("  , ", user) == []
    assert search("xylophone", user) == []


def test_foods_written_in_bulk_are_found_once_reindexed(user):
    Food.objects.bulk_create([
        Food(name="Nuts, cashew nuts, raw", source=SR28, source_id="12087"),
        Food(name="Cashews, unroasted", source=FNDDS, source_id="42104000"),
    ])
    assert search("cashews", user) == []
    reindex(Food.objects.all())
    assert set(names("cashews", user)) == {"Nuts, cashew nuts, raw", "Cashews, unroasted"}


def test_a_food_renamed_in_bulk_is_found_by_its_new_name_after_reindex(usda_foods, user):
    Food.objects.filter(source_id="11422").update(name="Pumpkin, flesh, raw")
    assert "Pumpkin, flesh, raw" not in names("flesh", user)
    reindex(Food.objects.filter(source_id="11422"))
    assert names("flesh", user) == ["Pumpkin, flesh, raw"]


def test_a_food_saved_on_its_own_is_found_at_once(usda_foods, user):
    spinach = Food.objects.get(source_id="11457")
    spinach.name = "Spinach, baby, raw"
    spinach.save(update_fields=["name"])
    assert "Spinach, baby, raw" in names("baby spinach", user)[:1]
    assert Food.objects.get(source_id="11457").kind == Food.Kind.BASIC


def test_reindex_sorts_basic_branded_restaurant_and_baby_foods(usda_foods):
    kinds = dict(Food.objects.values_list("source_id", "kind"))
    assert kinds["16015"] == Food.Kind.BASIC  # Beans, black, mature seeds, cooked, boiled, without salt
    assert kinds["43101050"] == Food.Kind.BASIC  # Pumpkin seeds, NFS: "NFS" is no brand
    assert kinds["19164"] == Food.Kind.BRANDED  # Candies, SPECIAL DARK Chocolate Bar
    assert kinds["21060"] == Food.Kind.RESTAURANT  # Fast foods, burrito, with beans
    assert kinds["03127"] == Food.Kind.BABY  # Babyfood, vegetables, spinach, creamed, strained


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Avocados, raw", ["avocado", "raw"]),
        ("Berries; cherries", ["berry", "cherry"]),
        ("Tomatoes and peaches", ["tomato", "peach"]),
        ("Hummus, asparagus, molasses", ["hummus", "asparagus", "molass"]),
        ("Crème fraîche", ["creme", "fraiche"]),
    ],
)
def test_words_are_normalised_the_same_way_for_names_and_queries(text, expected):
    assert words(text) == expected
