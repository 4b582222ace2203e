"""The FHIR R4 Bundle: every file the tests download is validated with fhir.resources 6.4.0, whose models are
FHIR R4 (4.0.1), not by hand."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from fhir.resources import __fhir_version__
from fhir.resources.bundle import Bundle
from pytest_django.asserts import assertContains

from journal.models import DayMark, Profile, ShareLink
from tests.builders import add_drink, log_dose, make_food, make_medicine, write_note

MONDAY = date(2026, 11, 2)
LOINC, SNOMED = "http://loinc.org", "http://snomed.info/sct"


def validated(response):
    """The Bundle in the response, once fhir.resources has parsed it as an R4 Bundle (it raises on any breach)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    data = json.loads(response.content)
    Bundle.parse_obj(data)
    return data


def resources(bundle, kind, code=None):
    found = [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]
    return [r for r in found if code is None or r["code"]["coding"][0]["code"] == code]


@pytest.fixture
def week(woman_of_40, log_food, pumpkin_seeds):
    """Monday: 1 oz pumpkin seeds (592 mg/100 g x 28.35 g = 167.83 mg, whole: 168) and 2 capsules of 70.5 mg
    (141 mg): 309 mg. Tuesday: 1 oz seeds and a cup of chamomile tea, which has no magnesium figure: at least
    168 mg. Wednesday: only the tea: no figure, left out. Thursday: a dose of 99 mg and no food: no day total, left
    out. Friday: marked "food log complete" with nothing eaten: 0 mg from food, a known figure."""
    tea = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], magnesium_mg=None)
    log_food(pumpkin_seeds, 1, "1 oz", day=MONDAY)
    log_dose(woman_of_40, MONDAY, elemental_mg="141", units="2", name="Calm Mg glycinate")
    log_food(pumpkin_seeds, 1, "1 oz", day=MONDAY + timedelta(days=1))
    log_food(tea, 1, "1 cup", day=MONDAY + timedelta(days=1))
    log_food(tea, 1, "1 cup", day=MONDAY + timedelta(days=2))
    log_dose(woman_of_40, MONDAY + timedelta(days=3), elemental_mg="99", name="Calm Mg glycinate")
    DayMark.objects.create(user=woman_of_40, date=MONDAY + timedelta(days=4), food_complete=True)
    write_note(woman_of_40, recorded_at=datetime(2026, 11, 2, 8, 30, tzinfo=UTC), heart_rate_lying=62,
               heart_rate_standing=104)
    write_note(woman_of_40, MONDAY + timedelta(days=1), heart_rate_standing=98)
    return woman_of_40


def download(client, start="2026-11-02", end="2026-11-08"):
    return client.get("/report/fhir/", {"start": start, "end": end})


def test_the_package_models_fhir_r4():
    assert __fhir_version__ == "4.0.1"


def test_each_day_with_a_figure_is_an_observation_coded_in_loinc(logged_in_client, week, frozen_now):
    bundle = validated(download(logged_in_client))
    assert (bundle["type"], bundle["timestamp"]) == ("collection", "2026-11-28T12:00:00+00:00")
    days = resources(bundle, "Observation", "81005-1")
    assert {(day["effectiveDateTime"], day["valueQuantity"]["value"]) for day in days} == {
        ("2026-11-02", 309),  # 168 mg food + 141 mg supplements
        ("2026-11-03", 168),  # a lower bound: the tea has no figure
        ("2026-11-06", 0),  # marked complete with nothing eaten: a known 0 from food
    }  # Wednesday (no figure), Thursday (a dose but no food) and the days with nothing logged are left out
    monday = days[0]
    assert monday["code"]["coding"] == [{"system": LOINC, "code": "81005-1",
                                         "display": "Magnesium intake 24 hour Estimated"}]
    assert monday["valueQuantity"] == {"value": 309, "unit": "mg/day", "system": "http://unitsofmeasure.org",
                                       "code": "mg/(24.h)"}
    assert monday["note"][0]["text"].startswith("Food 168 mg (USDA FoodData Central")
    patient = resources(bundle, "Patient")[0]
    assert (patient["gender"], patient["birthDate"]) == ("female", "1986-01-01")
    assert monday["subject"]["reference"] == bundle["entry"][0]["fullUrl"]


def test_a_lower_bound_says_at_least(logged_in_client, week, frozen_now):
    tuesday = resources(validated(download(logged_in_client)), "Observation", "81005-1")[1]
    assert tuesday["valueQuantity"]["comparator"] == ">="
    assert tuesday["note"][1]["text"] == ("Lower bound: at least 168 mg: 1 of 2 foods report magnesium, so the day's "
                                          "intake was higher than this.")
    # The food without the figure, named with where it came from, as the report and the daily CSV name it.
    assert tuesday["note"][2]["text"] == ("No magnesium, potassium, sodium, calcium, energy or water figure: Tea, "
                                          "herbal, chamomile, brewed (USDA SR28).")


def test_supplement_doses_are_medication_statements(logged_in_client, week, frozen_now):
    doses = resources(validated(download(logged_in_client)), "MedicationStatement")
    assert [(dose["effectiveDateTime"], dose["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"])
            for dose in doses] == [("2026-11-02T12:00:00+00:00", 141), ("2026-11-05T12:00:00+00:00", 99)]
    assert doses[0]["status"] == "completed"
    assert doses[0]["informationSource"] == doses[0]["subject"]  # the patient reported it
    assert doses[0]["dosage"][0]["text"] == "2 × Calm Mg glycinate on 2026-11-02: 141 mg elemental magnesium (label)"


def test_medicines_of_the_period_are_medication_statements_of_their_own(logged_in_client, week, frozen_now):
    make_medicine(week, "Doxycycline", kind="tetracycline", dose="100 mg", usual_times=["08:00", "20:00"],
                  started_on=date(2026, 10, 30), stopped_on=MONDAY + timedelta(days=3))
    make_medicine(week, "Furosemide", kind="loop_diuretic", dose="")
    make_medicine(week, "Before", kind="other", stopped_on=MONDAY - timedelta(days=1))  # not in the period
    statements = [statement for statement in resources(validated(download(logged_in_client)), "MedicationStatement")
                  if "effectivePeriod" in statement]
    assert [(s["medicationCodeableConcept"]["text"], s["status"], s["effectivePeriod"], s["dosage"][0]["text"])
            for s in statements] == [
        ("Doxycycline: tetracycline antibiotic (such as doxycycline, demeclocycline)", "completed",
         {"start": "2026-10-30", "end": "2026-11-05"}, "100 mg, usually at 08:00, 20:00"),
        ("Furosemide: loop diuretic (such as furosemide, bumetanide)", "active", {"start": "2026-01-01"},
         "dose not given"),
    ]


def test_heart_rates_carry_their_body_position(logged_in_client, week, frozen_now):
    rates = resources(validated(download(logged_in_client)), "Observation", "8867-4")
    assert [(rate["effectiveDateTime"], rate["valueQuantity"]["value"],
             rate["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]) for rate in rates] == [
        ("2026-11-02T08:30:00+00:00", 62, "102538003"),  # lying: recumbent body position
        ("2026-11-02T08:30:00+00:00", 104, "10904000"),  # standing: orthostatic body position
        ("2026-11-03T12:00:00+00:00", 98, "10904000"),
    ]
    assert rates[0]["extension"][0]["url"] == "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition"
    assert rates[0]["valueQuantity"]["code"] == "/min"
    assert rates[0]["category"][0]["coding"][0]["code"] == "vital-signs"


def test_the_same_rows_keep_the_same_ids(logged_in_client, week, frozen_now):
    ids = [[entry["fullUrl"] for entry in validated(download(logged_in_client))["entry"]] for _ in range(2)]
    assert ids[0] == ids[1] and len(set(ids[0])) == len(ids[0])


def test_an_empty_period_is_a_valid_bundle_with_the_patient_only(logged_in_client, woman_of_40, frozen_now):
    bundle = validated(download(logged_in_client, "2026-10-01", "2026-10-07"))
    assert [entry["resource"]["resourceType"] for entry in bundle["entry"]] == ["Patient"]


def test_it_leaves_out_other_users(logged_in_client, week, other_user, frozen_now):
    log_dose(other_user, MONDAY, elemental_mg="999", name="Bob's magnesium")
    write_note(other_user, MONDAY, heart_rate_lying=50)
    response = download(logged_in_client)
    bundle = validated(response)
    assert len(resources(bundle, "MedicationStatement")) == 2
    assert len(resources(bundle, "Observation", "8867-4")) == 3
    assert b"Bob" not in response.content


def test_the_file_is_an_attachment_named_for_its_period(logged_in_client, week, frozen_now):
    response = download(logged_in_client)
    assert response["Content-Disposition"] == 'attachment; filename="mgtracker-fhir-2026-11-02-to-2026-11-08.json"'


def test_a_bad_period_gets_the_report_form_with_a_message(logged_in_client, week, frozen_now):
    response = download(logged_in_client, start="2026-11-08", end="2026-11-02")
    assertContains(response, "The end comes before the start.")


def test_the_report_page_offers_the_file(logged_in_client, week, frozen_now):
    response = logged_in_client.get("/report/", {"start": "2026-11-02", "end": "2026-11-08"})
    assertContains(response, 'href="/report/fhir/?start=2026-11-02&amp;end=2026-11-08"')


def test_a_shared_link_offers_the_bundle_for_its_period_only(week, frozen_now):
    _, token = ShareLink.make(week, MONDAY, MONDAY, 30)
    bundle = validated(Client().get(f"/shared/{token}/fhir/"))
    assert [day["effectiveDateTime"] for day in resources(bundle, "Observation", "81005-1")] == ["2026-11-02"]
    assert len(resources(bundle, "MedicationStatement")) == 1


def test_the_bundle_runs_a_fixed_number_of_queries(logged_in_client, week, frozen_now, django_assert_num_queries):
    # Session, user, profile, the ledger's nine (the days' stamps, then eight), the foods whose figures are missing or
    # estimated, the doses, the medicines, the heart rate readings and the lab results.
    with django_assert_num_queries(17):
        download(logged_in_client, "2025-01-01", "2026-11-28")


def test_sodium_and_fluid_go_with_magnesium_on_the_days_whose_food_is_logged(logged_in_client, week, frozen_now):
    add_drink(week, 250, MONDAY)
    bundle = validated(download(logged_in_client))
    sodium = {r["effectiveDateTime"]: r["valueQuantity"] for r in resources(bundle, "Observation", "81011-9")}
    fluid = {r["effectivePeriod"]["start"]: r["valueQuantity"] for r in resources(bundle, "Observation", "8999-5")}
    # Monday: 1 oz pumpkin seeds, 7 mg sodium/100 g x 28.35 g = 1.98 mg, shown as 2 mg; water 5.23 g/100 g x 28.35 g
    # = 1.48 ml, and a 250 ml drink: 251.48, shown as 251 ml. Tuesday: the tea has neither figure: lower bounds.
    # Wednesday: only the tea, no figure at all; Thursday: no food logged; Friday: marked complete, nothing eaten.
    assert sodium == {
        "2026-11-02": {"value": 2, "unit": "mg/day", "system": "http://unitsofmeasure.org", "code": "mg/(24.h)"},
        "2026-11-03": {"comparator": ">=", "value": 2, "unit": "mg/day", "system": "http://unitsofmeasure.org",
                       "code": "mg/(24.h)"},
        "2026-11-06": {"value": 0, "unit": "mg/day", "system": "http://unitsofmeasure.org", "code": "mg/(24.h)"},
    }
    assert {day: (quantity.get("comparator"), quantity["value"], quantity["code"]) for day, quantity in fluid.items()} \
        == {"2026-11-02": (None, 251, "mL"), "2026-11-03": (">=", 1, "mL"), "2026-11-06": (None, 0, "mL")}


def test_kidney_disease_noted_on_the_profile_is_an_unconfirmed_condition_with_its_source(logged_in_client, week,
                                                                                         frozen_now):
    assert resources(validated(download(logged_in_client)), "Condition") == []
    Profile.objects.filter(user=week).update(kidney_disease=True)
    [condition] = resources(validated(download(logged_in_client)), "Condition")
    assert condition["code"] == {"text": "Chronic kidney disease or reduced kidney function, as noted by the patient"}
    assert condition["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
    assert "higher risk of magnesium toxicity" in condition["note"][0]["text"]
    assert "NIH Office of Dietary Supplements" in condition["note"][0]["text"]
