import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains

from journal.models import Profile
from tests.builders import add_drink, log_dose, log_food, make_food, make_product, rehydration_sachet, write_note

DAY = date(2026, 11, 20)


@pytest.fixture
def history(user, other_user, pumpkin_seeds, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="America/New_York")
    log_food(user, pumpkin_seeds, "0.5", DAY, portion="1 cup")
    log_dose(user, elemental_mg="240", units="2", taken_at=datetime(2026, 11, 21, 3, 30, tzinfo=UTC),
             name="=HYPERLINK(\"http://evil.example\")")
    write_note(user, recorded_at=datetime(2026, 11, 20, 14, tzinfo=UTC), dizziness=7, fatigue=5, anxiety=2,
               heart_rate_lying=64, heart_rate_standing=101, text="-felt faint after the shower")
    log_food(other_user, make_food("Bob's secret lunch", magnesium_mg=999), 100, DAY, meal="lunch")
    return user


def download(client, **params):
    response = client.get("/export/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return response, list(csv.DictReader(io.StringIO(text)))


def test_daily_export_has_a_row_a_day_with_totals_against_the_goal(logged_in_client, history):
    response, rows = download(logged_in_client, start="2026-11-19", end="2026-11-21", kind="daily")
    assert response["Content-Disposition"] == 'attachment; filename="mgtracker-daily-2026-11-19-to-2026-11-21.csv"'
    assert [row["date"] for row in rows] == ["2026-11-19", "2026-11-20", "2026-11-21"]
    day = rows[1]
    # 592 mg/100 g x 64.5 g = 381.84 mg, shown as 382; two capsules of 120 mg; 382 + 240 = 622, 194% of 320.
    assert (day["magnesium_food_mg"], day["magnesium_supplements_mg"], day["magnesium_total_mg"]) == (
        "382", "240", "622"
    )
    assert (day["goal_mg"], day["percent_of_goal"], day["dizziness_mean"]) == ("320", "194", "7.0")
    # A day left empty is not a day of 0 mg.
    assert (rows[0]["magnesium_total_mg"], rows[0]["percent_of_goal"], rows[0]["notes"]) == ("", "", "nothing logged")


def test_entries_export_lists_each_record_with_its_source_and_local_time(logged_in_client, history):
    _, rows = download(logged_in_client, start="2026-11-20", end="2026-11-20", kind="entries")
    meal, dose, note = rows
    assert (meal["item"], meal["amount"], meal["magnesium_mg"]) == (
        "Seeds, pumpkin and squash seed kernels, dried", "0.5 × 1 cup", "382"
    )
    assert (meal["source"], meal["source_id"]) == ("USDA SR28", "12014")
    # 03:30 UTC on the 21st is 22:30 the evening before in New York.
    assert (dose["date"], dose["time"], dose["magnesium_mg"]) == ("2026-11-20", "22:30", "240")
    assert (note["dizziness"], note["heart_rate_standing"]) == ("7", "101")


def test_export_neutralises_spreadsheet_formulas(logged_in_client, history):
    _, rows = download(logged_in_client, start="2026-11-20", end="2026-11-20", kind="entries")
    assert rows[1]["item"] == "'=HYPERLINK(\"http://evil.example\")"
    assert rows[2]["note"] == "'-felt faint after the shower"


def test_export_leaves_out_other_users(logged_in_client, history):
    _, rows = download(logged_in_client, start="2026-11-20", end="2026-11-20", kind="entries")
    assert "Bob's secret lunch" not in {row["item"] for row in rows}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-11-20", "end": "2026-11-01", "kind": "daily"}, "The end comes before the start."),
        ({"start": "1850-01-01", "end": "2026-11-01", "kind": "daily"}, "Choose a date from 1900 on."),
        ({"start": "2026-11-01", "end": "2099-01-01", "kind": "daily"}, "Choose a date no later than tomorrow."),
        ({"start": "yesterday", "end": "2026-11-01", "kind": "daily"}, "Enter a valid date."),
        ({"start": "2026-11-01", "end": "2026-11-02", "kind": "pdf"}, "Select a valid choice."),
    ],
)
def test_export_refuses_bad_ranges_with_a_message(logged_in_client, history, params, message):
    response = logged_in_client.get("/export/", params)
    assert response["Content-Type"].startswith("text/html")
    assertContains(response, message)


def test_an_export_covers_any_range_sent_a_thousand_rows_a_chunk(logged_in_client, history, spinach):
    for n in range(1500):  # one lunch a day for four years and more, before the history's own rows
        log_food(history, spinach, 30, date(2020, 1, 1) + timedelta(days=n), meal="lunch")
    response, rows = download(logged_in_client, start="2019-01-01", end="2026-11-27", kind="entries")
    assert len(rows) == 1500 + 3  # and the history's meal, dose and note
    assert rows[0]["date"] == "2020-01-01" and rows[0]["meal"] == "Lunch" and rows[0]["magnesium_mg"] == "24"
    assert [row["date"] for row in rows[:1500]] == sorted(row["date"] for row in rows[:1500])
    assert len(list(logged_in_client.get("/export/", {
        "start": "2019-01-01", "end": "2026-11-27", "kind": "entries",
    }).streaming_content)) == 2  # rows 1-1000 with the header, then the rest


def test_the_report_still_holds_at_most_three_years(logged_in_client, history):
    assertContains(logged_in_client.get("/report/", {"start": "2020-01-01", "end": "2026-11-01"}),
                   "Choose at most three years at a time.")


def test_export_page_offers_the_last_thirty_days(logged_in_client, history):
    response = logged_in_client.get("/export/")
    today = Profile.for_user(history).today()
    assertContains(response, f'value="{today - timedelta(days=29)}"')


def test_export_runs_a_fixed_number_of_queries(logged_in_client, history, spinach, django_assert_max_num_queries):
    for n in range(60):
        log_food(history, spinach, 30, DAY - timedelta(days=n), meal="lunch")
    with django_assert_max_num_queries(8):
        download(logged_in_client, start="2026-09-01", end="2026-11-20", kind="entries")


def test_a_day_without_a_figure_exports_an_empty_cell_and_says_so(logged_in_client, history):
    # Sodium: no food of the 19th has a figure. Magnesium: one food of the two has none, so the sum is a lower bound.
    mystery = make_food("Mystery stew", magnesium_mg=None, sodium_mg=None)
    spinach = make_food("Spinach, raw", source_id="11457", magnesium_mg=79, sodium_mg=None)
    log_food(history, mystery, 100, DAY - timedelta(days=1))
    log_food(history, spinach, 30, DAY - timedelta(days=1))
    _, rows = download(logged_in_client, start="2026-11-19", end="2026-11-19", kind="daily")
    day = rows[0]
    assert (day["magnesium_food_mg"], day["sodium_food_mg"], day["potassium_food_mg"]) == ("24", "", "")
    assert (day["magnesium_total_is"], day["foods_logged"], day["foods_with_magnesium"]) == ("lower bound", "2", "1")
    assert day["notes"] == (
        "some foods have no magnesium figure, so the total is only a lower bound; "
        "sodium: no data: none of the 2 foods logged has a sodium figure; "
        "potassium: no data: none of the 2 foods logged has a potassium figure; "
        "calcium: no data: none of the 2 foods logged has a calcium figure; "
        "energy: no data: none of the 2 foods logged has an energy figure; "
        "water: no data: none of the 2 foods logged has a water figure; "
        # Each food without a figure, named with where it came from.
        "no magnesium, potassium, sodium, calcium, energy or water figure: Mystery stew (USDA SR28); "
        "no potassium, sodium, calcium, energy or water figure: Spinach, raw (USDA SR28)"
    )


def test_a_dose_exports_its_per_unit_figure_and_where_it_came_from(logged_in_client, history):
    computed = make_product(history)  # 500 mg of magnesium bisglycinate per capsule
    labelled = make_product(history, name="Citrate", form="citrate", label_elemental_mg=Decimal("100"))
    log_dose(history, product=computed, units="2", taken_at=datetime(2026, 11, 20, 12, tzinfo=UTC))
    log_dose(history, product=labelled, units="1", taken_at=datetime(2026, 11, 20, 13, tzinfo=UTC))
    _, rows = download(logged_in_client, start="2026-11-20", end="2026-11-20", kind="entries")
    by_item = {row["item"]: row for row in rows}
    computed_row, labelled_row = by_item["Acme Magnesium glycinate"], by_item["Acme Citrate"]
    assert (computed_row["magnesium_mg"], computed_row["elemental_mg_per_unit"], computed_row["elemental_source"]) == (
        "141", "70.5",
        "500 mg × 14.10% = 70.5 mg elemental (assuming magnesium bisglycinate, anhydrous, Mg(C2H4NO2)2)",
    )
    assert (labelled_row["elemental_mg_per_unit"], labelled_row["elemental_source"]) == ("100", "label")


def test_the_export_page_explains_empty_figures_the_notes_column_and_the_goal(logged_in_client, history):
    response = logged_in_client.get("/export/")
    assertContains(response, "An empty figure means there is no data, never 0 mg")
    assertContains(response, "<code>counted_in_averages</code> says whether the day counts")
    assertContains(response, "your doctor's goal as it stood then")


def test_the_entries_file_lists_drinks_and_the_sodium_and_water_of_products(logged_in_client, history):
    day = DAY - timedelta(days=2)
    log_dose(history, day, product=rehydration_sachet(history), units="0.5")
    add_drink(history, 330, day, kind="tea")
    _, rows = download(logged_in_client, start=day.isoformat(), end=day.isoformat(), kind="entries")
    by_record = {row["record"]: row for row in rows}

    # Half a sachet: 345 / 2 = 172.5 mg sodium, half up to 173; 156 / 2 = 78 mg potassium; 200 / 2 = 100 ml.
    sachet = by_record["supplement"]
    assert (sachet["sodium_mg"], sachet["potassium_mg"], sachet["fluid_ml"]) == ("173", "78", "100")
    drink = by_record["drink"]
    assert (drink["item"], drink["amount"], drink["fluid_ml"]) == ("Tea or herbal tea", "330 ml", "330")
    assert all(None not in row and None not in row.values() for row in rows)  # every row as long as the header


def test_repeated_foods_export_each_entry_with_its_own_figures_and_note(logged_in_client, history, monkeypatch):
    # The entries file formats each distinct value once; a short memory (here two values a column) gives the same file.
    monkeypatch.setattr("journal.export.MEMO_SIZE", 2)
    formula = make_food("=cmd|' /C calc'!A0", magnesium_mg=100, sodium_mg=None)
    complete = make_food("Oats", magnesium_mg=100, sodium_mg=2, potassium_mg=1, calcium_mg=1, energy_kcal=1,
                         water_g=1)
    logged = [(formula, 30, "breakfast"), (complete, 30, "lunch"), (formula, 30, "dinner"),
              (complete, "30.5", "snack"), (formula, 45, "breakfast")]
    for food, grams, meal in logged:
        log_food(history, food, grams, DAY - timedelta(days=1), meal=meal)
    _, rows = download(logged_in_client, start="2026-11-19", end="2026-11-19", kind="entries")
    # 100 mg/100 g x 30 g = 30 mg; x 30.5 g = 30.5, half up to 31; x 45 g = 45.
    assert [(row["meal"], row["item"], row["grams"], row["magnesium_mg"]) for row in rows] == [
        ("Breakfast", "'=cmd|' /C calc'!A0", "30", "30"), ("Breakfast", "'=cmd|' /C calc'!A0", "45", "45"),
        ("Lunch", "Oats", "30", "30"), ("Dinner", "'=cmd|' /C calc'!A0", "30", "30"), ("Snack", "Oats", "30.5", "31"),
    ]
    notes = [row["figures_note"] for row in rows]
    assert notes[2] == notes[4] == ""  # Oats has every figure
    assert notes[0] == notes[1] == notes[3] == (
        "no potassium, sodium, calcium, energy or water figure: =cmd|' /C calc'!A0 (USDA SR28)"
    )
