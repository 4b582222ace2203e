"""Search and the magnesium-rich page over the whole of shared/data/usda, imported once for the module.

Everyday queries must put the obvious food in the top three and nothing absurd there: dried milk for "milk",
egg powder for "egg", chicken feet for "chicken", a dish "with meat" for "black beans".
"""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from foods.models import Food, SearchIndexVersion
from foods.search import other_names, search, shared_index

USDA = settings.USDA_DATA_DIR

pytestmark = [
    pytest.mark.usda,
    pytest.mark.django_db,
    pytest.mark.skipif(not USDA.is_dir(), reason=f"the USDA releases are not at {USDA}"),
]


@pytest.fixture(scope="module", autouse=True)
def full_import(django_db_setup, django_db_blocker):
    """The ~14,500 foods, imported once (5-9 s) and deleted after the module's tests."""
    with django_db_blocker.unblock():
        call_command("import_usda", str(USDA), stdout=StringIO())
        yield
        Food.objects.all().delete()
        SearchIndexVersion.bump()


# query -> the obvious foods, as (source, id): one of them must be in the top 3.
OBVIOUS = {
    "milk": {("fndds", "11100000"), ("fndds", "11111000"), ("sr28", "01077")},  # NFS, whole, whole 3.25%
    "egg": {("sr28", "01123"), ("fndds", "31101010"), ("sr28", "01129")},  # raw fresh, raw, hard-boiled
    "tofu": {("sr28", "16126"), ("sr28", "16127"), ("sr28", "16159"), ("sr28", "16160"), ("sr28", "16426"),
             ("sr28", "16427")},  # raw firm, soft, extra firm, hard, regular
    "black beans": {("sr28", "16015"), ("fndds", "41101990"), ("fndds", "41102020"), ("fndds", "41102080")},
    "dark chocolate": {("sr28", "19904"), ("sr28", "19902"), ("sr28", "19903")},  # by cacao solids
    "chicken breast": {("foundation", "2646170"), ("sr28", "05062"), ("sr28", "05064"), ("sr28", "05065")},
    "oatmeal": {("fndds", "56202960"), ("fndds", "56203056")},  # NFS; regular or quick, water, no added fat
    "brown rice": {("fndds", "56205011"), ("fndds", "56205018"), ("sr28", "20037")},  # plain cooked
    "avacado": {("fndds", "63105010"), ("sr28", "09037"), ("sr28", "09038"), ("sr28", "09039")},
    "pumpkin seeds": {("sr28", "12014"), ("sr28", "12016"), ("fndds", "43101050")},
    "spinach": {("sr28", "11457"), ("fndds", "72125100")},  # Spinach, raw
    "almonds": {("sr28", "12061")},  # Nuts, almonds
    "banana": {("fndds", "63107010"), ("sr28", "09040")},
    "cooked lentils": {("sr28", "16070")},  # Lentils, mature seeds, cooked, boiled, without salt
    "walnuts": {("sr28", "12155"), ("sr28", "12154"), ("foundation", "2346394")},
    "quinoa": {("sr28", "20137"), ("fndds", "56204005")},  # cooked; no added fat
    "yogurt": {("fndds", "11400000"), ("foundation", "2647437")},  # NFS; plain, nonfat
    "broccoli": {("foundation", "747447"), ("fndds", "72201100"), ("sr28", "11090")},  # raw
    "salmon": {("fndds", "26137100"), ("fndds", "26137110")},  # raw; NFS
    "peanut butter": {("fndds", "42202000"), ("foundation", "2262072")},
    "cashews": {("fndds", "42104000"), ("sr28", "12087"), ("foundation", "2515374")},
}
ABSURD = re.compile(
    r"(?<!from )\bdried\b|\b(dry|powder|dehydrated|feet|tail|giblets|salad|soup|as ingredient|honey roasted"
    r"|fast food|restaurant|meatless|with meat)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("query", sorted(OBVIOUS))
def test_the_obvious_food_is_in_the_top_three(user, query):
    top = search(query, user)[:3]
    assert {(food.source, food.source_id) for food in top} & OBVIOUS[query], [food.name for food in top]


@pytest.mark.parametrize("query", [*sorted(OBVIOUS), "chicken"])
def test_nothing_absurd_is_in_the_top_three(user, query):
    top = [food.name for food in search(query, user)[:3]]
    # Nuts and seeds are sold dried: "Nuts, walnuts, black, dried", "Seeds, pumpkin ... kernels, dried".
    absurd = [name for name in top if ABSURD.search(name) and not name.startswith(("Nuts,", "Seeds,"))]
    assert not absurd, top


def test_the_magnesium_rich_page_ranks_by_typical_portions(logged_in_client):
    content = logged_in_client.get(reverse("foods:rich")).content.decode()
    # Pumpkin seeds by the ounce: 592 mg/100 g x 28.35 g = 167.83 mg.
    assert "1 oz (28.35 g), nearest the 30 g reference amount for nuts and seeds · Excellent source" in content
    for by_the_cup in ("Rice bran, crude", "Molasses</a>", "Amaranth grain, uncooked", "mature seeds, raw"):
        assert by_the_cup not in content


# Other names, short forms, words run together or split, the head food: one of these in the top 3.
OTHER_WORDING = {
    "capsicum": {("foundation", "2258588"), ("foundation", "2258590"), ("fndds", "75122100"), ("sr28", "11821")},
    "minced beef": {("fndds", "21500100"), ("fndds", "21500000")},  # Beef, ground; Beef, ground, raw
    "double cream": {("foundation", "2346386"), ("fndds", "12130100"), ("sr28", "01053")},  # heavy
    "icing sugar": {("sr28", "19336"), ("fndds", "91101020")},  # powdered
    "rapeseed oil": {("foundation", "748278"), ("fndds", "82105500"), ("sr28", "04582")},  # canola
    "crisps": {("fndds", "71200010"), ("fndds", "71200100")},  # potato chips
    "brinjal": {("foundation", "2685577"), ("fndds", "75111200"), ("sr28", "11209")},  # Eggplant, raw
    "rocket": {("sr28", "11959"), ("foundation", "2710822")},  # arugula
    "swede": {("fndds", "75127000"), ("sr28", "11435")},  # rutabaga
    "beetroot": {("foundation", "2685576"), ("fndds", "75102500"), ("sr28", "11080")},  # Beets, raw
    "prawns": {("fndds", "26319110"), ("fndds", "26319130")},  # shrimp
    "porridge": {("fndds", "56202960"), ("fndds", "56203056")},  # oatmeal
    "choc chip biscuit": {("fndds", "53206000")},  # Cookie, chocolate chip
    "veg soup": {("fndds", "75649110")},  # Soup, vegetable
    "bbq sauce": {("fndds", "74406010"), ("sr28", "06150")},
    "oj": {("sr28", "09206"), ("fndds", "61210000")},  # orange juice
    "pb": {("fndds", "42202000"), ("foundation", "2262072")},  # peanut butter
    "sweetpotato": {("fndds", "73401000")},
    "greenbeans": {("fndds", "75101800")},
    "soysauce": {("fndds", "41420300")},
    "oat meal": {("fndds", "56202960"), ("fndds", "56203056")},
    "milk chocolate": {("sr28", "19120")},  # Candies, milk chocolate, not chocolate milk
    "beef heart": {("sr28", "13321"), ("sr28", "13322")},  # not hearts of palm
}


@pytest.mark.parametrize("query", sorted(OTHER_WORDING))
def test_other_wordings_put_the_food_in_the_top_three(user, query):
    top = search(query, user)[:3]
    assert {(food.source, food.source_id) for food in top} & OTHER_WORDING[query], [food.name for food in top]


def test_the_chips_of_both_englishes_are_on_the_first_screen(user):
    top = [(food.matched_name, food.name) for food in search("chips", user)[:5]]
    assert ("", "Potato chips, NFS") in top
    assert ("chips", "Potato, french fries, NFS") in top


def test_every_other_name_finds_a_food_in_the_full_import():
    postings = shared_index.get().postings
    lost = [
        (other.name, alternative)
        for other in other_names().values()
        for alternative in other.alternatives
        if not set.intersection(*(postings.get(word, set()) for word in alternative))
    ]
    assert lost == []
    # Only "w/" stands for nothing but little words ("with"): it is dropped from a query.
    assert [other.name for other in other_names().values() if not other.alternatives] == ["w/"]
