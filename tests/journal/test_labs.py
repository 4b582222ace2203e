"""Lab results: held as the lab printed them, converted with the working shown, refused outside what a sample can
read, beside the magnesium of the 7 days before the sample, and carried by the report, the CSV, the FHIR bundle
and the backup."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from pytest_django.asserts import assertContains, assertNotContains

from journal.backup import BackupError, export_backup, read_backup, restore_backup
from journal.labs import ANALYTES, SERUM_SHARE_URL
from journal.models import LabResult, Profile
from tests.builders import add_lab_result, log_dose, log_food, make_food
from tests.journal.test_fhir import validated

TEST_DAY = date(2026, 11, 10)


def working(analyte, value, unit, to):
    return ANALYTES[analyte].working(Decimal(value), unit, to)


@pytest.mark.parametrize(("analyte", "value", "unit", "to", "expected"), [
    # 0.85 x 2.4305 = 2.065925, half-up to 2.07; 0.85 x 2 = 1.70.
    ("serum_magnesium", "0.85", "mmol/L", "mg/dL", "0.85 mmol/L × 2.4305 = 2.07 mg/dL"),
    ("serum_magnesium", "0.85", "mmol/L", "meq/L", "0.85 mmol/L × 2 = 1.70 mEq/L"),
    # and back: 2.07 / 2.4305 = 0.8517 -> 0.85; 2.07 x 2 / 2.4305 = 2.07 / 1.21525 = 1.7034 -> 1.70.
    ("serum_magnesium", "2.07", "mg/dL", "mmol/L", "2.07 mg/dL ÷ 2.4305 = 0.85 mmol/L"),
    ("serum_magnesium", "2.07", "mg/dL", "meq/L", "2.07 mg/dL ÷ 1.21525 = 1.70 mEq/L"),
    ("serum_magnesium", "1.70", "meq/L", "mmol/L", "1.7 mEq/L ÷ 2 = 0.85 mmol/L"),
    # The example: 0.78 x 2.4305 = 1.8958 -> 1.90.
    ("serum_magnesium", "0.78", "mmol/L", "mg/dL", "0.78 mmol/L × 2.4305 = 1.90 mg/dL"),
    # RBC magnesium reads to 0.1 mg/dL: 2.14 x 2.4305 = 5.2013 -> 5.2; 5.2 / 2.4305 = 2.1395 -> 2.14.
    ("rbc_magnesium", "2.14", "mmol/L", "mg/dL", "2.14 mmol/L × 2.4305 = 5.2 mg/dL"),
    ("rbc_magnesium", "5.2", "mg/dL", "mmol/L", "5.2 mg/dL ÷ 2.4305 = 2.14 mmol/L"),
    # Creatinine: 0.85 x 88.4 = 75.14 -> 75; 75 / 88.4 = 0.8484 -> 0.85.
    ("creatinine", "0.85", "mg/dL", "umol/L", "0.85 mg/dL × 88.4 = 75 µmol/L"),
    ("creatinine", "75", "umol/L", "mg/dL", "75 µmol/L ÷ 88.4 = 0.85 mg/dL"),
    # One charge: 1 mmol/L = 1 mEq/L.
    ("potassium", "4.1", "mmol/L", "meq/L", "4.1 mmol/L × 1 = 4.1 mEq/L"),
    ("sodium", "139", "meq/L", "mmol/L", "139 mEq/L × 1 = 139 mmol/L"),
])
def test_units_convert_with_the_working_shown_both_ways(analyte, value, unit, to, expected):
    assert working(analyte, value, unit, to) == expected


def post(client, **fields):
    data = {"analyte": "serum_magnesium", "taken_on": "2026-11-10", "value": "0.78", "unit": "mmol/L",
            "range_low": "0.70", "range_high": "1.00", "lab": "", "note": ""} | fields
    return client.post("/labs/add/", data)


def test_a_result_is_saved_as_printed_and_listed_with_its_conversions(logged_in_client, user, frozen_now):
    response = post(logged_in_client, value="1.90", unit="mg/dL", range_low="1.7", range_high="2.4", lab="Quest")
    assert response.status_code == 302
    result = LabResult.objects.get(user=user)
    assert (result.value, result.unit, result.range_low, result.range_high) == (
        Decimal("1.9"), "mg/dL", Decimal("1.7"), Decimal("2.4"))
    page = logged_in_client.get("/labs/")
    assertContains(page, "1.9 mg/dL, range 1.7–2.4 mg/dL (Quest)")
    assertContains(page, "1.9 mg/dL ÷ 2.4305 = 0.78 mmol/L")  # 1.9 / 2.4305 = 0.7817
    assertContains(page, "1.9 mg/dL ÷ 1.21525 = 1.56 mEq/L")  # 1.9 / 1.21525 = 1.5635
    assertContains(page, SERUM_SHARE_URL)
    assertContains(page, "Less than 1% of the body&#39;s magnesium is in the blood serum")


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"value": "6"}, "value",
     "6 mmol/L is outside what a serum magnesium result can be (0.10 to 5.00 mmol/L): check the figure and the unit."),
    ({"value": "-0.8"}, "value",
     "-0.8 mmol/L is outside what a serum magnesium result can be (0.10 to 5.00 mmol/L)"),
    ({"analyte": "sodium", "value": "14", "range_low": "", "range_high": ""}, "value",
     "14 mmol/L is outside what a sodium result can be (90 to 200 mmol/L)"),
    ({"analyte": "creatinine", "value": "3000", "unit": "umol/L", "range_low": "", "range_high": ""}, "value",
     "3000 µmol/L is outside what a creatinine result can be (10 to 2000 µmol/L)"),
    ({"analyte": "potassium", "unit": "mg/dL", "value": "4"}, "unit",
     "Potassium is reported in mmol/L, mEq/L, not mg/dL."),
    # A range copied in mg/dL beside a result in mmol/L.
    ({"range_low": "1.7", "range_high": "24"}, "range_high",
     "24 mmol/L cannot be a bound of a serum magnesium range: give the range in the same unit as the result."),
    ({"range_low": "1.00", "range_high": "0.70"}, "range_high", "The top of the range must be above its bottom."),
    ({"taken_on": "2026-11-29"}, "taken_on", "That date is in the future: enter the day the blood was taken."),
])
def test_a_figure_that_cannot_be_is_refused_with_a_message(logged_in_client, user, frozen_now, fields, field,
                                                            message):
    response = post(logged_in_client, **fields)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not LabResult.objects.exists()


def test_the_database_refuses_a_value_out_of_bounds_or_in_a_unit_of_another_analyte(user):
    for value, unit in (("6", "mmol/L"), ("5", "umol/L")):
        with pytest.raises(IntegrityError), transaction.atomic():
            add_lab_result(user, "serum_magnesium", value, unit, TEST_DAY)


def test_another_persons_result_is_not_found(logged_in_client, other_user, frozen_now):
    theirs = add_lab_result(other_user, "serum_magnesium", "0.78", "mmol/L", TEST_DAY)
    assert logged_in_client.get(f"/labs/{theirs.pk}/edit/").status_code == 404
    assert logged_in_client.post(f"/labs/{theirs.pk}/delete/").status_code == 404
    assert logged_in_client.post(f"/labs/{theirs.pk}/edit/", {"value": "1"}).status_code == 404
    assertNotContains(logged_in_client.get("/labs/"), "0.78 mmol/L")
    assert LabResult.objects.get(pk=theirs.pk).value == Decimal("0.78")


def test_a_result_is_edited_and_deleted(logged_in_client, user, frozen_now):
    result = add_lab_result(user, "serum_magnesium", "0.78", "mmol/L", TEST_DAY)
    response = post(logged_in_client, value="0.81")
    assert response.status_code == 302
    logged_in_client.post(f"/labs/{result.pk}/edit/", {
        "analyte": "serum_magnesium", "taken_on": "2026-11-10", "value": "0.74", "unit": "mmol/L"})
    result.refresh_from_db()
    assert result.value == Decimal("0.74")
    assert logged_in_client.get(f"/labs/{result.pk}/delete/").status_code == 405
    logged_in_client.post(f"/labs/{result.pk}/delete/")
    assert list(LabResult.objects.values_list("value", flat=True)) == [Decimal("0.81")]


@pytest.fixture
def week_before(user, frozen_now):
    """Magnesium around a serum test on 10 November; every food has 100 mg per 100 g."""
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    food = make_food("Test food, 100 mg per 100 g", magnesium_mg=100)
    unknown = make_food("A food without a magnesium figure")
    log_food(user, food, 1000, date(2026, 11, 2))  # 8 days before: outside the 7
    log_food(user, food, 100, date(2026, 11, 3))  # 100 mg
    log_food(user, food, 300, date(2026, 11, 4))  # 300 mg
    # 5 November: nothing logged.
    log_food(user, food, 200, date(2026, 11, 6))  # 200 mg and a 100 mg dose: 300 mg
    log_dose(user, date(2026, 11, 6), elemental_mg=100)
    log_food(user, food, 100, date(2026, 11, 7))  # at least 100 mg: a lower bound, left out
    log_food(user, unknown, 50, date(2026, 11, 7))
    # 8 and 9 November: nothing logged.
    log_food(user, food, 1000, TEST_DAY)  # the day of the test itself is not before it
    return add_lab_result(user, "serum_magnesium", "0.78", "mmol/L", TEST_DAY, low="0.70", high="1.00",
                          lab="City Lab")


# (100 + 300 + 300) / 3 = 233.3, shown as 233 mg; 5, 8 and 9 November had nothing logged, 7 November is a lower bound.
INTAKE = "233 mg a day (3 of 7 days count)"
LEFT_OUT = "3 days: nothing logged; 1 day: some foods have no magnesium figure, so the total is only a lower bound"


def test_the_list_shows_the_mean_of_the_7_days_before_each_result(logged_in_client, week_before):
    response = logged_in_client.get("/labs/")
    assertContains(response, INTAKE)
    assertContains(response, LEFT_OUT)
    [chart] = response.context["chart_data"]
    assert chart == {
        "id": "lab-chart-serum_magnesium", "name": "Serum magnesium", "unit": "mmol/L", "labels": ["10 Nov 2026"],
        "values": [0.78], "range_low": [0.7], "range_high": [1.0], "intake_mg": [233.0],
    }


def test_a_result_without_any_day_before_that_counts_says_no_data(logged_in_client, user, frozen_now):
    add_lab_result(user, "rbc_magnesium", "5.2", "mg/dL", TEST_DAY)
    response = logged_in_client.get("/labs/")
    assertContains(response, "no data: none of the 7 days before counts")
    assert response.context["chart_data"][0]["intake_mg"] == [None]


def test_a_chart_is_drawn_in_the_unit_of_the_latest_result(logged_in_client, user, frozen_now):
    add_lab_result(user, "serum_magnesium", "0.70", "mmol/L", date(2026, 10, 1), low="0.66", high="1.07")
    add_lab_result(user, "serum_magnesium", "2.1", "mg/dL", TEST_DAY, low="1.6", high="2.6")
    chart = logged_in_client.get("/labs/").context["chart_data"][0]
    # 0.70 x 2.4305 = 1.70135 -> 1.70; 0.66 x 2.4305 = 1.6041 -> 1.60; 1.07 x 2.4305 = 2.6006 -> 2.60.
    assert (chart["unit"], chart["values"], chart["range_low"], chart["range_high"]) == (
        "mg/dL", [1.7, 2.1], [1.6, 1.6], [2.6, 2.6])


def test_the_list_takes_the_same_queries_however_many_results(logged_in_client, user, frozen_now,
                                                              django_assert_max_num_queries):
    Profile.for_user(user)
    add_lab_result(user, "serum_magnesium", "0.78", "mmol/L", TEST_DAY)
    # Session, user, profile, the results and the ledger's eight over the span they cover.
    with django_assert_max_num_queries(12):
        logged_in_client.get("/labs/")
    for month in range(1, 10):
        add_lab_result(user, "potassium", "4.1", "mmol/L", date(2025, month, 3))
    with django_assert_max_num_queries(12):
        logged_in_client.get("/labs/")


def test_the_report_carries_each_result_with_its_conversions_range_and_intake_before(logged_in_client,
                                                                                       week_before):
    response = logged_in_client.get("/report/", {"start": "2026-11-01", "end": "2026-11-28"})
    assertContains(response, "0.78 mmol/L × 2.4305 = 1.90 mg/dL; 0.78 mmol/L × 2 = 1.56 mEq/L")
    assertContains(response, "0.7–1 mmol/L")
    assertContains(response, INTAKE)
    assertContains(response, SERUM_SHARE_URL)
    # The week before the period is read for the intake only: the period still starts on 1 November.
    assert response.context["report"].period.first == date(2026, 11, 1)


def test_the_report_leaves_out_results_outside_its_period(logged_in_client, week_before):
    response = logged_in_client.get("/report/", {"start": "2026-11-11", "end": "2026-11-28"})
    assertContains(response, "No lab results in this period.")


def test_the_csv_has_a_row_per_result(logged_in_client, week_before):
    response = logged_in_client.get("/export/", {"kind": "lab-results", "start": "2026-11-01", "end": "2026-11-28"})
    filename = "mgtracker-lab-results-2026-11-01-to-2026-11-28.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [{
        "date": "2026-11-10", "test": "Serum magnesium", "value": "0.78", "unit": "mmol/L", "range_low": "0.7",
        "range_high": "1", "position_in_range": "within", "base_value": "0.78", "base_unit": "mmol/L",
        "conversions": "0.78 mmol/L × 2.4305 = 1.90 mg/dL; 0.78 mmol/L × 2 = 1.56 mEq/L",
        "magnesium_7_days_before_mg": "233", "days_counted_of_7": "3", "days_left_out": LEFT_OUT,
        "laboratory": "City Lab", "notes": "",
    }]


def test_the_csv_keeps_a_note_that_looks_like_a_formula_as_text(logged_in_client, user, frozen_now):
    add_lab_result(user, "sodium", "139", "mmol/L", TEST_DAY, note="=HYPERLINK(\"x\")")
    response = logged_in_client.get("/export/", {"kind": "lab-results", "start": "2026-11-01", "end": "2026-11-28"})
    assert "'=HYPERLINK" in b"".join(response.streaming_content).decode()


def test_the_fhir_bundle_has_a_loinc_coded_laboratory_observation(logged_in_client, week_before, user):
    add_lab_result(user, "serum_magnesium", "1.9", "mg/dL", date(2026, 11, 20), low="1.7", high="2.4")
    add_lab_result(user, "creatinine", "0.85", "mg/dL", date(2026, 11, 20))
    response = logged_in_client.get("/report/fhir/", {"start": "2026-11-01", "end": "2026-11-28"})
    bundle = validated(response)
    labs = [entry["resource"] for entry in bundle["entry"]
            if entry["resource"].get("category", [{}])[0].get("coding", [{}])[0].get("code") == "laboratory"]
    ucum = "http://unitsofmeasure.org"
    mmol = {"unit": "mmol/L", "system": ucum, "code": "mmol/L"}
    assert [(lab["code"]["coding"][0]["code"], lab["effectiveDateTime"], lab["valueQuantity"],
             lab.get("referenceRange", [{}])[0].get("low"), lab.get("referenceRange", [{}])[0].get("high"))
            for lab in labs] == [
        ("2601-3", "2026-11-10", {"value": 0.78, **mmol}, {"value": 0.7, **mmol}, {"value": 1, **mmol}),
        # 1.9 / 2.4305 = 0.7817 -> 0.78; 1.7 / 2.4305 = 0.6994 -> 0.70; 2.4 / 2.4305 = 0.9875 -> 0.99.
        ("2601-3", "2026-11-20", {"value": 0.78, **mmol}, {"value": 0.7, **mmol}, {"value": 0.99, **mmol}),
        # 0.85 x 88.4 = 75.14 -> 75 µmol/L.
        ("14682-9", "2026-11-20", {"value": 75, "unit": "µmol/L", "system": ucum, "code": "umol/L"}, None, None),
    ]
    assert labs[1]["note"][:2] == [{"text": "As printed: 1.9 mg/dL, reference range 1.7–2.4 mg/dL."},
                                   {"text": "Converted: 1.9 mg/dL ÷ 2.4305 = 0.78 mmol/L."}]


def test_the_backup_round_trips_results_and_account_deletion_removes_them(week_before, user, make_user):
    add_lab_result(user, "creatinine", "75", "umol/L", TEST_DAY, note="fasting")
    data = json.loads(json.dumps(export_backup(user)))
    assert [(row["analyte"], row["value"], row["unit"], row["range_low"]) for row in data["tables"]["lab_results"]] \
        == [("serum_magnesium", "0.780", "mmol/L", "0.700"), ("creatinine", "75.000", "umol/L", None)]
    copy = make_user("carol")
    restore_backup(copy, data)

    def described(owner):
        return list(LabResult.objects.filter(user=owner).order_by("pk").values(
            "analyte", "taken_on", "value", "unit", "range_low", "range_high", "lab", "note"))

    assert described(copy) == described(user)
    get_user_model().objects.filter(pk=user.pk).delete()
    assert LabResult.objects.filter(user=user.pk).count() == 0
    assert LabResult.objects.filter(user=copy).count() == 2


def test_a_backup_of_format_1_without_lab_results_restores_and_a_result_out_of_bounds_is_refused(user, make_user):
    add_lab_result(user, "sodium", "139", "mmol/L", TEST_DAY)
    data = json.loads(json.dumps(export_backup(user)))
    older = {**data, "version": 1, "tables": {name: rows for name, rows in data["tables"].items()
                                             if name != "lab_results"}}
    assert restore_backup(make_user("carol"), read_backup(json.dumps(older)))["lab_results"] == 0
    data["tables"]["lab_results"][0]["value"] = "14"
    with pytest.raises(BackupError, match="breaks a rule of the diary"):
        restore_backup(make_user("dave"), data)
    assert not LabResult.objects.filter(user__username="dave").exists()


def test_a_result_outside_the_labs_range_says_which_side(logged_in_client, user, frozen_now):
    add_lab_result(user, "serum_magnesium", "0.68", "mmol/L", TEST_DAY, low="0.70", high="1.00")
    add_lab_result(user, "potassium", "5.4", "mmol/L", TEST_DAY, high="5.1")
    add_lab_result(user, "sodium", "139", "mmol/L", TEST_DAY)
    rows = {row.result.analyte: row.result for row in logged_in_client.get("/labs/").context["rows"]}
    assert {key: (result.position, result.range_text) for key, result in rows.items()} == {
        "serum_magnesium": ("below", "0.7–1 mmol/L"), "potassium": ("above", "up to 5.1 mmol/L"),
        "sodium": ("", ""),
    }
    response = logged_in_client.get("/labs/")
    assertContains(response, "<strong>below</strong>", html=False)
    assertContains(response, "<strong>above</strong>", html=False)
