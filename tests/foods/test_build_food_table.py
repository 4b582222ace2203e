"""build_food_table: the curated table is the chosen rows of the USDA releases, figures as given."""

import csv
import filecmp
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from foods.models import Food
from foods.usda.table import TABLE_DIR
from tests.foods.samples import SAMPLES
from tests.foods.test_import_usda_releases import USDA


def build_food_table(table, usda=SAMPLES):
    out = StringIO()
    call_command("build_food_table", usda=str(usda), table=table, stdout=out)
    return out.getvalue()


def choose(folder, *rows):
    (folder / "selection.csv").write_text(
        "# chosen for the test\nsource,source_id,label\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )


def rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_it_copies_the_chosen_foods_with_figures_as_usda_gives_them(tmp_path):
    choose(tmp_path, "sr28,12061,almonds", "foundation,325430,peaches", "fndds,72125100,spinach")

    build_food_table(tmp_path)

    foods = rows(tmp_path / "foods.csv")
    assert [(row["source"], row["source_id"]) for row in foods] == [
        ("sr28", "12061"), ("foundation", "325430"), ("fndds", "72125100"),
    ]
    assert foods[0] == {
        "source": "sr28", "source_id": "12061", "name": "Nuts, almonds", "category": "Nut and Seed Products",
        "magnesium_mg": "270", "potassium_mg": "733", "sodium_mg": "1", "calcium_mg": "269", "energy_kcal": "579",
        "water_g": "4.41", "release": "USDA SR28 (May 2016 revision)",
    }
    assert foods[1]["magnesium_mg"] == "8.0"  # as FDC writes it, not "8"
    almonds = [row for row in rows(tmp_path / "portions.csv") if row["source_id"] == "12061"]
    portions = [(row["description"], row["grams"]) for row in almonds]
    assert portions[0] == ("1 cup, whole", "143")
    assert ("1 oz (23 whole kernels)", "28.35") in portions


@pytest.mark.django_db
def test_load_foods_reads_back_what_it_wrote(tmp_path):
    choose(tmp_path, "sr28,01188,cheese sauce", "sr28,11457,spinach")
    build_food_table(tmp_path)

    call_command("load_foods", table=tmp_path, stdout=StringIO())

    assert Food.objects.get(source_id="01188").magnesium_mg is None  # "no data" stays "no data"
    assert Food.objects.get(source_id="11457").portions.count() == 4


def test_it_names_every_chosen_food_it_cannot_find(tmp_path):
    choose(tmp_path, "sr28,12061,almonds", "sr28,99999,nothing", "fndds,12345678,nothing either")

    with pytest.raises(CommandError, match="sr28 99999, fndds 12345678"):
        build_food_table(tmp_path)


def test_it_refuses_a_food_without_a_portion(tmp_path):
    choose(tmp_path, "sr28,33879,only in ABBREV.txt, no portion")

    with pytest.raises(CommandError, match="no household portion: sr28 33879"):
        build_food_table(tmp_path)


def test_it_refuses_a_food_chosen_twice(tmp_path):
    choose(tmp_path, "sr28,12061,almonds", "sr28,12061,almonds again")

    with pytest.raises(CommandError, match="listed twice: sr28 12061"):
        build_food_table(tmp_path)


def test_it_refuses_an_unknown_source(tmp_path):
    choose(tmp_path, "sr29,12061,almonds")

    with pytest.raises(CommandError, match="unknown source 'sr29'"):
        build_food_table(tmp_path)


@pytest.mark.usda
@pytest.mark.skipif(not USDA.is_dir(), reason=f"the USDA releases are not at {USDA}")
def test_the_committed_table_is_what_the_releases_give(tmp_path):
    (tmp_path / "selection.csv").write_bytes((TABLE_DIR / "selection.csv").read_bytes())

    build_food_table(tmp_path, usda=USDA)

    for name in ("foods.csv", "portions.csv"):
        assert filecmp.cmp(tmp_path / name, TABLE_DIR / name, shallow=False), name
