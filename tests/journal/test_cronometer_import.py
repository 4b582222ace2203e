"""Cronometer's servings export becomes meal entries with Cronometer's own figures, after a preview; a broken file
is refused naming its line, and the same file imported twice adds nothing the second time."""

import subprocess
import sys
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from foods.models import Food
from journal.export import entry_rows
from journal.ledger import days_of
from journal.models import MealEntry, Profile

# Made-up rows in Cronometer's layout: columns in its order, nutrients this app does not keep among them.
SERVINGS = """\
Day,Time,Group,Food Name,Amount,Energy (kcal),Calcium (mg),Magnesium (mg),Potassium (mg),Sodium (mg),Water (g),Category
2026-11-02,08:00,Breakfast,"Oats, rolled",40.00 g,150.40,21.20,55.20,143.20,2.40,4.10,Cereal Grains and Pasta
2026-11-02,12:30,Lunch,"Spinach, raw",1.00 cup,6.90,29.70,23.70,167.40,23.70,27.40,Vegetables
2026-11-02,16:00,Pre-workout,Coffee,1.00 cup,2.40,,,,,235.00,Beverages
2026-11-03,19:00,Dinner,"=HYPERLINK(""http://example.com"")",100.00 g,100.00,10.00,10.00,,,,Other
"""
# An older export: no Time, no Group, the columns in another order.
OLDER = """\
Food Name,Magnesium (mg),Day,Amount,Category
Almonds,76.50,2026-10-01,28.00 g,Nuts and Seeds
"""


def upload(text, name="servings.csv"):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/csv")


def preview(client, text):
    return client.post("/profile/data/cronometer/", {"file": upload(text)}, follow=True)


def test_the_preview_shows_days_rows_and_magnesium_before_anything_is_saved(logged_in_client, user, frozen_now):
    response = preview(logged_in_client, SERVINGS)
    assertContains(response, "4 rows over 2 days;\n    1 row without a magnesium figure")
    # 2 Nov: 55.20 + 23.70 = 78.90 mg from the two rows that report it; the coffee has no figure.
    assertContains(response, "At least 79 mg: 2 of 3 foods report magnesium")
    assertContains(response, "<td>10 mg</td>")  # 3 Nov
    assert not MealEntry.objects.exists()


def test_the_preview_takes_a_few_queries_however_long_the_file(logged_in_client, django_assert_max_num_queries,
                                                                frozen_now):
    preview(logged_in_client, SERVINGS + "".join(f"2026-10-{day:02},,,Rice,100.00 g,,,,,,,\n" for day in range(1, 31)))
    with django_assert_max_num_queries(5):  # session, user, their profile for the menu, the rows imported before
        assertContains(logged_in_client.get("/profile/data/cronometer/preview/"), "34 rows over 32 days")


def test_importing_logs_each_row_in_its_meal_with_cronometers_figures(logged_in_client, user, frozen_now):
    preview(logged_in_client, SERVINGS)
    response = logged_in_client.post("/profile/data/cronometer/import/")
    assertRedirects(response, "/day/2026-11-02/", fetch_redirect_response=False)
    entries = list(MealEntry.objects.filter(user=user).in_day_order())
    assert [(e.date, e.meal, e.food_name, e.grams, e.portion_description) for e in entries] == [
        (date(2026, 11, 2), "breakfast", "Oats, rolled", Decimal("40.00"), ""),
        (date(2026, 11, 2), "lunch", "Spinach, raw", None, "1.00 cup"),
        (date(2026, 11, 2), "snack", "Coffee", None, "1.00 cup"),  # a group of one's own is a snack
        (date(2026, 11, 3), "dinner", '=HYPERLINK("http://example.com")', Decimal("100.00"), ""),
    ]
    oats = entries[0]
    assert (oats.magnesium_mg, oats.potassium_mg, oats.sodium_mg, oats.calcium_mg, oats.energy_kcal) == (
        Decimal("55.20"), Decimal("143.20"), Decimal("2.40"), Decimal("21.20"), Decimal("150.40"))
    assert entries[2].magnesium_mg is None  # unknown, never 0
    assert {(e.food, e.food_source, e.get_food_source_display()) for e in entries} == {
        (None, "cronometer", "Cronometer import")}
    day = days_of(Profile.for_user(user), date(2026, 11, 2), date(2026, 11, 2))[0]
    assert str(day.magnesium) == "at least 79 mg: 2 of 3 foods report magnesium"
    page = logged_in_client.get("/day/2026-11-02/")
    assertContains(page, "1.00 cup · from Cronometer")
    assertContains(page, "40 g · from Cronometer")
    assertContains(page, "<strong>at least 79 mg</strong> of 420 mg")  # the coffee is unknown, not 0 mg
    assertContains(page, "2 of 3 foods report magnesium")


def test_the_same_file_twice_adds_nothing_the_second_time(logged_in_client, user, frozen_now):
    for _ in range(2):
        shown = preview(logged_in_client, SERVINGS)
        response = logged_in_client.post("/profile/data/cronometer/import/", follow=True)
    assertContains(shown, "4 of these rows\n    were imported before</strong> and will be left as they are")
    assertContains(response, "Imported 0 rows from Cronometer; 4 were imported before")
    assert MealEntry.objects.filter(user=user).count() == 4


def test_the_same_food_twice_in_one_meal_is_two_rows(user, frozen_now):
    from journal.cronometer import import_rows, read_servings

    twice = OLDER + OLDER.splitlines()[1] + "\n"
    assert import_rows(user, read_servings(twice.encode(), date(2026, 11, 28))) == (2, 0)


def test_an_older_export_without_time_and_group_is_read_by_its_headers(logged_in_client, user, frozen_now):
    preview(logged_in_client, OLDER)
    logged_in_client.post("/profile/data/cronometer/import/")
    almonds = MealEntry.objects.get(user=user)
    assert (almonds.date, almonds.meal, almonds.grams, almonds.magnesium_mg, almonds.sodium_mg) == (
        date(2026, 10, 1), "snack", Decimal("28.00"), Decimal("76.50"), None)


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "This is not a CSV file"),
    (b"", "file is empty"),
    ("Date,Food,Magnesium (mg)\n2026-11-02,Oats,55\n", "Line 1: no &#x27;Day&#x27; or &#x27;Food Name&#x27; column"),
    ("Day,Food Name\n2026-11-02,Oats\n02/11/2026,Spinach\n", "Line 3: the Day &#x27;02/11/2026&#x27; is not a date"),
    ("Day,Food Name,Magnesium (mg)\n2026-11-02,Oats,55\n\n2026-11-02,Rice,lots\n",
     "Line 4: Magnesium (mg) &#x27;lots&#x27; is not a number"),
    ("Day,Food Name,Magnesium (mg)\n2026-11-02,Oats,-5\n", "Line 2: Magnesium (mg) &#x27;-5&#x27; is not a believable"),
    ("Day,Food Name,Amount\n2026-11-02,Oats,9000 g\n", "Line 2: the Amount &#x27;9000 g&#x27; is not between"),
    ("Day,Food Name\n2026-11-02,\n", "Line 2: the Food Name is empty"),
    ("Day,Food Name\n2026-12-25,Goose\n", "Line 2: the Day 2026-12-25 is before 1900 or in the future"),
    ('Day,Food Name\n2026-11-02,"Oats\n', "This is not a CSV file that can be read"),
    ("Day,Food Name\n2026-11-02,Oats,55\n2026-11-03,Rice,4\n", "rows have more cells than the header"),
    ("Day,Food Name,Energy (kcal)\n2026-11-02,Oats,999999999.999\n", "Line 2: Energy (kcal) &#x27;999999999.999&#x27;"),
])
def test_a_broken_file_is_refused_naming_the_line_and_nothing_is_imported(logged_in_client, content, message,
                                                                          frozen_now):
    response = logged_in_client.post("/profile/data/cronometer/", {"file": upload(content)})
    assertContains(response, message, status_code=400)
    assert "cronometer_rows" not in logged_in_client.session
    assert not MealEntry.objects.exists()


def test_nothing_is_imported_without_a_preview(logged_in_client, frozen_now):
    assertRedirects(logged_in_client.post("/profile/data/cronometer/import/"), "/profile/data/")
    assertRedirects(logged_in_client.get("/profile/data/cronometer/preview/"), "/profile/data/")
    assert not MealEntry.objects.exists()


def test_importing_needs_the_csrf_token(user, frozen_now):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/profile/data/cronometer/", {"file": upload(SERVINGS)}).status_code == 403


def test_another_persons_preview_is_not_theirs_to_import(client, user, other_user, frozen_now):
    client.force_login(user)
    preview(client, SERVINGS)
    bob = Client()
    bob.force_login(other_user)
    bob.post("/profile/data/cronometer/import/")
    assert not MealEntry.objects.filter(user=other_user).exists()


def test_an_imported_entry_can_be_moved_and_logged_again(logged_in_client, user, frozen_now):
    preview(logged_in_client, SERVINGS)
    logged_in_client.post("/profile/data/cronometer/import/")
    coffee = MealEntry.objects.get(food_name="Coffee")
    logged_in_client.post(f"/meals/{coffee.pk}/again/")
    again = MealEntry.objects.get(food_name="Coffee", date=date(2026, 11, 28))
    assert (again.grams, again.portion_description, again.import_fingerprint) == (None, "1.00 cup", "")
    response = logged_in_client.post(f"/meals/{coffee.pk}/edit/", {"date": "2026-11-03", "meal": "dinner"})
    assert response.status_code == 302
    coffee.refresh_from_db()
    assert (coffee.date, coffee.meal) == (date(2026, 11, 3), "dinner")


def test_food_names_stay_text_in_the_csv_export(logged_in_client, user, frozen_now):
    preview(logged_in_client, SERVINGS)
    logged_in_client.post("/profile/data/cronometer/import/")
    response = logged_in_client.get("/export/", {"kind": "entries", "start": "2026-11-01", "end": "2026-11-28"})
    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(\"\"http://example.com\"\")" in content
    rows = list(entry_rows(Profile.for_user(user), date(2026, 11, 2), date(2026, 11, 2)))
    assert [row[5] for row in rows] == ["", "1.00 cup", "1.00 cup"]  # the amount as Cronometer gave it


def test_no_shared_food_can_claim_the_import_source(db):
    with pytest.raises(ValidationError, match="source"):
        Food(name="Fake", source="cronometer").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Food.objects.create(name="Fake", source="cronometer", source_id="1")


def test_the_command_imports_and_counts(user, tmp_path, frozen_now):
    path = tmp_path / "servings.csv"
    path.write_text(SERVINGS)
    out = StringIO()
    call_command("import_cronometer", "--user", "alice", str(path), stdout=out)
    assert out.getvalue().splitlines() == [
        "Days: 2", "Rows: 4 (4 imported, 0 imported before)", "Rows without a magnesium figure: 1",
    ]
    call_command("import_cronometer", "--user", "alice", str(path), stdout=out)
    assert MealEntry.objects.filter(user=user).count() == 4


def test_the_command_refuses_a_broken_file(user, tmp_path, frozen_now):
    path = tmp_path / "servings.csv"
    path.write_text("Day,Food Name,Magnesium (mg)\n2026-11-02,Oats,55\n2026-11-02,Rice,lots\n")
    with pytest.raises(CommandError, match="Line 3: .* Nothing was imported"):
        call_command("import_cronometer", "--user", "alice", str(path), stdout=StringIO())
    assert not MealEntry.objects.exists()


def test_the_urlconf_does_not_load_pandas():
    code = ("import sys, django; django.setup(); import mgtracker.urls; from django.urls import get_resolver; "
            "get_resolver().url_patterns; sys.exit('pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], env={"DJANGO_SETTINGS_MODULE": "mgtracker.settings"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_large_file_is_read_in_memory_never_written_to_disk(logged_in_client, monkeypatch, frozen_now):
    def no_temporary_file(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr("django.core.files.uploadhandler.TemporaryUploadedFile", no_temporary_file)
    long_category = "x" * 100_000  # a column not kept, to make a file of 3 MB from 30 rows
    big = SERVINGS + "".join(f"2026-10-{day:02},,,Rice,100.00 g,,,,,,,{long_category}\n" for day in range(1, 31))
    assert len(big) > 2.5 * 1024 * 1024  # where Django would write an upload to a temporary file
    assertContains(preview(logged_in_client, big), "34 rows over 32 days")


def test_a_file_over_the_limit_is_not_read(logged_in_client, frozen_now):
    response = logged_in_client.post("/profile/data/cronometer/", {"file": upload(b"x" * (11 * 1024 * 1024))})
    assertContains(response, "Choose a file of at most 10 MB.", status_code=400)
