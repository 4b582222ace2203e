"""The import_usda command: finding releases, re-importing in place, failing clearly."""

import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from foods.models import Food, Portion
from tests.builders import make_food
from tests.foods.samples import SAMPLES, SR28, import_usda

pytestmark = pytest.mark.django_db


@pytest.fixture
def sr28_copy(tmp_path):
    """A writable copy of the SR28 sample, and a way to change one line of it."""
    folder = shutil.copytree(SR28, tmp_path / "sr28")

    def replace(file_name, old, new):
        path = folder / file_name
        text = path.read_bytes().decode("latin-1")
        assert old in text
        path.write_bytes(text.replace(old, new).encode("latin-1"))

    return folder, replace


KEY = ("source", "source_id")


@pytest.fixture
def reindexed(monkeypatch):
    """The foods handed to foods.search.reindex, one set of (source, source_id) per call."""
    calls = []
    monkeypatch.setattr("foods.search.reindex", lambda foods: calls.append(set(foods.values_list(*KEY))))
    return calls


def counts():
    return Food.objects.count(), Portion.objects.count()


def test_it_imports_every_release_beneath_a_parent_folder():
    output = import_usda(SAMPLES)

    assert sorted(set(Food.objects.values_list("source", flat=True))) == ["fndds", "foundation", "sr28"]
    for release in ("USDA SR28", "USDA FoodData Central Foundation Foods", "USDA FNDDS 2021-2023"):
        assert release in output


def test_it_ends_with_a_summary_of_what_it_did():
    output = import_usda(SR28)

    assert "14 foods read: 14 created, 0 updated, 0 unchanged; 41 portions written, 0 removed." in output
    assert "Skipped 2 rows:" in output
    assert "1 x magnesium above 1,000 mg/100 g, e.g." in output


def test_importing_twice_changes_nothing():
    import_usda(SAMPLES)
    first = counts()
    updated_at = dict(Food.objects.values_list("pk", "updated_at"))
    portion_ids = set(Portion.objects.values_list("pk", flat=True))

    output = import_usda(SAMPLES)

    assert counts() == first
    assert dict(Food.objects.values_list("pk", "updated_at")) == updated_at
    assert set(Portion.objects.values_list("pk", flat=True)) == portion_ids
    assert "14 foods read: 0 created, 0 updated, 14 unchanged; 0 portions written, 0 removed." in output


def test_a_changed_figure_updates_the_food_in_place(sr28_copy):
    folder, replace = sr28_copy
    import_usda(folder)
    before = counts()
    seeds = Food.objects.get(source="sr28", source_id="12014")

    replace("ABBREV.txt", "^46^8.82^592^", "^46^8.82^600^")  # calcium, iron, magnesium of 12014
    output = import_usda(folder)

    assert counts() == before
    seeds.refresh_from_db()
    assert seeds.magnesium_mg == 600
    assert "0 created, 1 updated, 13 unchanged" in output


def test_a_changed_portion_is_replaced_and_the_others_keep_their_ids(sr28_copy):
    folder, replace = sr28_copy
    import_usda(folder)
    almonds = Food.objects.get(source="sr28", source_id="12061")
    ids = list(almonds.portions.values_list("pk", flat=True))

    replace("WEIGHT.txt", "~12061~^6^1^~almond~^1.2^^\r\n", "")
    replace("WEIGHT.txt", "~12061~^1^1^~cup, whole~^143^", "~12061~^1^1^~cup, whole~^144^")
    import_usda(folder)

    portions = list(almonds.portions.all())
    assert [(p.description, p.grams) for p in portions][0] == ("1 cup, whole", Decimal("144"))
    assert len(portions) == 5
    assert [p.pk for p in portions] == ids[:5]


def test_it_leaves_custom_foods_alone(user):
    custom = make_food("Granny's almonds", source=Food.Source.CUSTOM, owner=user, magnesium_mg=1)

    import_usda(SAMPLES)
    import_usda(SAMPLES)

    custom.refresh_from_db()
    assert custom.magnesium_mg == 1
    assert Food.objects.filter(source="sr28", source_id="12061").count() == 1


def test_it_hands_the_written_foods_to_the_search_index(reindexed):
    import_usda(SR28)
    import_usda(SR28)

    assert len(reindexed) == 1  # the second, unchanged import wrote nothing
    assert ("sr28", "12014") in reindexed[0]
    assert len(reindexed[0]) == 14


def test_it_shows_progress_by_batch():
    output = import_usda(SR28)

    assert "saved: 14 of 14 foods" in output


def test_a_missing_path_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        import_usda(tmp_path / "nowhere")


def test_a_folder_without_a_release_is_a_command_error(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")

    with pytest.raises(CommandError, match="no USDA release found"):
        import_usda(tmp_path)


def test_a_release_missing_a_file_is_a_command_error(sr28_copy):
    folder, _ = sr28_copy
    (folder / "WEIGHT.txt").unlink()

    with pytest.raises(CommandError, match="cannot read .*WEIGHT.txt"):
        import_usda(folder)


def test_a_file_in_the_wrong_encoding_is_a_command_error(tmp_path):
    folder = shutil.copytree(SAMPLES / "fndds", tmp_path / "fndds")
    values = folder / "fndds_2021-2023_nutrient_values.csv"
    values.write_bytes(values.read_bytes().replace(b"Spinach, raw", "Épinards, crus".encode("latin-1")))

    with pytest.raises(CommandError, match="cannot read .*fndds_2021-2023_nutrient_values.csv"):
        import_usda(folder)


def test_a_csv_missing_a_column_is_a_command_error(tmp_path):
    folder = shutil.copytree(SAMPLES / "fndds", tmp_path / "fndds")
    values = folder / "fndds_2021-2023_nutrient_values.csv"
    values.write_text(values.read_text().replace("Magnesium (mg)", "Mg"))

    with pytest.raises(CommandError, match="lacks the column.*Magnesium"):
        import_usda(folder)

    assert not Food.objects.exists()


class Terminal(StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_progress_rewrites_one_line():
    out = Terminal()

    call_command("import_usda", str(SR28), stdout=out)

    assert "\r  saved: 14 of 14 foods\n" in out.getvalue()
