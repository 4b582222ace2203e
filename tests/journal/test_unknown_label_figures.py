"""A food from a label without magnesium, logged: every page and file gives a lower bound and names the food and its
source; a figure taken as an estimate names the USDA food it came from, by id and name, everywhere.

Worked by hand. The muesli bar's label (per 40 g serving, one bar) gives energy 180 kcal, sodium 60 mg, potassium
150 mg and calcium 30 mg, and neither magnesium nor water. One cup of pumpkin seeds (USDA SR28 12014, 129 g) gives
592 mg/100 g x 1.29 = 763.68 mg of magnesium: 764 mg.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from foods.models import Food
from journal.models import CRONOMETER, MealEntry
from tests.builders import log_food, make_food

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 27)  # a Friday; its week began on Monday 23 November
MUESLI_LABEL = {
    "name": "Muesli bar, apricot", "basis": "serving", "serving_grams": "40", "magnesium_mg": "", "potassium_mg": "150",
    "sodium_mg": "60", "calcium_mg": "30", "energy_kcal": "180", "water_g": "", "portion_description": "1 bar",
    "portion_grams": "40",
}
NO_MAGNESIUM = "no magnesium or water figure: Muesli bar, apricot (your own label)"
AT_LEAST = "at least 764 mg: 1 of 2 foods report magnesium"
# The estimate's source, with figures as this test gives them.
GRANOLA_BAR = "USDA SR28 NDB 19020 Snacks, granola bars, hard, plain"
ESTIMATED = f"no water figure, and magnesium estimated from {GRANOLA_BAR}: Muesli bar, apricot (your own label)"


def muesli_bar(client, user, **estimate):
    """The bar saved through the custom-food form, as a person copies its label."""
    response = client.post(reverse("foods:custom_add"), {**MUESLI_LABEL, **estimate})
    assert response.status_code == 302
    return Food.objects.get(owner=user)


@pytest.fixture
def bar_and_seeds_logged(logged_in_client, user, pumpkin_seeds, frozen_now):
    log_food(user, muesli_bar(logged_in_client, user), 1, DAY, portion="1 bar")
    log_food(user, pumpkin_seeds, 1, DAY, portion="1 cup", meal="snack")


@pytest.fixture
def estimated_bar_and_seeds_logged(logged_in_client, user, pumpkin_seeds, frozen_now):
    granola_bar = make_food("Snacks, granola bars, hard, plain", source_id="19020", category="Snacks",
                            magnesium_mg=98)
    bar = muesli_bar(logged_in_client, user, estimate_from=granola_bar.pk, estimated_figures=["magnesium_mg"])
    # The estimate is looked for by the food's name: the granola bar must have been offered for "Muesli bar".
    assert bar.estimated_from == granola_bar
    log_food(user, bar, 1, DAY, portion="1 bar")
    log_food(user, pumpkin_seeds, 1, DAY, portion="1 cup", meal="snack")


def csv_rows(client, kind):
    response = client.get("/export/", {"start": DAY.isoformat(), "end": DAY.isoformat(), "kind": kind})
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_day_page_gives_a_lower_bound_and_names_the_food_without_a_figure(logged_in_client, bar_and_seeds_logged):
    response = logged_in_client.get(reverse("journal:day", args=[DAY]))
    assert str(response.context["figures"].magnesium) == AT_LEAST
    assertContains(response, "<strong>at least 764 mg</strong>")
    assertContains(response, "1 of 2 foods report magnesium")
    assertContains(response, f"<li>N{NO_MAGNESIUM[1:]}</li>")
    assertContains(response, "not in your averages yet".capitalize())


@pytest.mark.parametrize(("page", "at_least"), [
    (reverse("journal:week_of", args=[date(2026, 11, 23)]), "&ge;&nbsp;764 mg"),
    ("/report/?start=2026-11-23&end=2026-11-29", "≥ 764 mg"),
])
def test_the_week_and_the_report_say_the_same(logged_in_client, bar_and_seeds_logged, page, at_least):
    response = logged_in_client.get(page)
    assertContains(response, at_least)  # the day's food in its table
    assertContains(response, "<li>Magnesium at least the sum (1 of 2 foods report magnesium), on Fri 27 Nov.</li>")
    assertContains(response, f"<li>N{NO_MAGNESIUM[1:]}, on Fri 27 Nov.</li>")


def test_both_csv_files_say_the_same(logged_in_client, bar_and_seeds_logged):
    (day,) = csv_rows(logged_in_client, "daily")
    assert (day["magnesium_food_mg"], day["magnesium_total_is"], day["foods_logged"], day["foods_with_magnesium"]) == (
        "764", "lower bound", "2", "1")
    assert day["notes"].startswith("some foods have no magnesium figure, so the total is only a lower bound; ")
    assert day["notes"].endswith(f"; {NO_MAGNESIUM}")
    bar, seeds = csv_rows(logged_in_client, "entries")
    # The bar's magnesium is empty (no data), never 0; its sodium 150 mg/100 g x 40 g = 60 mg is the label's.
    assert (bar["item"], bar["magnesium_mg"], bar["sodium_mg"], bar["source"]) == (
        "Muesli bar, apricot", "", "60", "Custom food")
    assert bar["figures_note"] == NO_MAGNESIUM
    assert (seeds["magnesium_mg"], seeds["figures_note"]) == ("764", "")


def test_an_estimate_names_its_usda_food_on_every_page_and_in_every_file(logged_in_client,
                                                                           estimated_bar_and_seeds_logged):
    # 98 mg/100 g x 40 g = 39.2 mg from the bar, + 763.68 from the seeds = 802.88: 803 mg, both foods reporting.
    day_page = logged_in_client.get(reverse("journal:day", args=[DAY]))
    assert str(day_page.context["figures"].magnesium) == "803 mg"
    assertContains(day_page, f"1 bar (40 g) · magnesium estimated from {GRANOLA_BAR}")
    assertContains(day_page, f"magnesium estimated from {GRANOLA_BAR}: Muesli bar, apricot (your own label)</li>")
    for page in (reverse("journal:week_of", args=[date(2026, 11, 23)]), "/report/?start=2026-11-23&end=2026-11-29"):
        response = logged_in_client.get(page)
        assertContains(response, f"<li>N{ESTIMATED[1:]}, on Fri 27 Nov.</li>")
        assertNotContains(response, "report magnesium")  # both foods give a figure: 803 mg is no lower bound
    (day,) = csv_rows(logged_in_client, "daily")
    assert (day["magnesium_food_mg"], day["magnesium_total_is"], day["foods_with_magnesium"]) == ("803", "exact", "2")
    assert day["notes"].endswith(f"; {ESTIMATED}")
    bar, _ = csv_rows(logged_in_client, "entries")
    assert (bar["magnesium_mg"], bar["figures_note"]) == ("39", ESTIMATED)


def test_an_entry_keeps_its_estimate_when_the_label_figure_is_typed_later(logged_in_client, user,
                                                                           estimated_bar_and_seeds_logged):
    bar = Food.objects.get(owner=user)
    label_with_magnesium = {**MUESLI_LABEL, "magnesium_mg": "30"}
    assert logged_in_client.post(reverse("foods:custom_edit", args=[bar.pk]), label_with_magnesium).status_code == 302
    bar.refresh_from_db()
    assert (bar.magnesium_mg, bar.estimated_figures) == (75, "")  # 30 mg x 100 / 40 g: the label's, no estimate
    # What was logged stays as logged, estimate and all: history is not rewritten.
    bar_row, _ = csv_rows(logged_in_client, "entries")
    assert (bar_row["magnesium_mg"], bar_row["figures_note"]) == ("39", ESTIMATED)


def test_each_food_without_a_figure_is_named_with_where_it_came_from(logged_in_client, user, frozen_now):
    foundation_kale = make_food("Kale, raw", source=Food.Source.FOUNDATION, source_id="323505", magnesium_mg=None)
    log_food(user, foundation_kale, 50, DAY)
    MealEntry.objects.create(
        user=user, date=DAY, meal="snack", grams=None, portion_description="1.00 cup", food_name="Coffee",
        food_source=CRONOMETER, magnesium_mg=None, energy_kcal=Decimal("2.40"), import_fingerprint="c" * 64,
    )
    response = logged_in_client.get(reverse("journal:day", args=[DAY]))
    assert [str(note) for note in response.context["figure_notes"]] == [
        "no magnesium, potassium, sodium, calcium, energy or water figure: "
        "Kale, raw (USDA FoodData Central Foundation Foods)",
        "no magnesium, potassium, sodium, calcium or water figure: Coffee (imported from Cronometer)",
    ]
    assertContains(response, "no data: none of the 2 foods logged has a magnesium figure")
