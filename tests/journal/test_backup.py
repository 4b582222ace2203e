"""A backup holds all of a person's data and restores it into an empty account with nothing lost; a file that is
broken, foreign or from a newer version is refused and nothing of it is written."""

import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from foods.models import Food
from journal.backup import FORMAT_VERSION, NOT_BACKED_UP, TABLES, export_backup
from journal.ledger import days_of
from journal.models import CRONOMETER, DayMark, MealEntry, Profile, SavedMeal
from tests.builders import (
    add_drink,
    add_lab_result,
    log_dose,
    log_food,
    log_medicine_dose,
    make_food,
    make_medicine,
    make_product,
    run_stand_test,
    write_note,
)

FIRST, LAST = date(2026, 11, 1), date(2026, 11, 28)


@pytest.fixture
def diary(user, pumpkin_seeds, spinach, frozen_now):
    """One of everything alice can own, over November 2026."""
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex, profile.time_zone = date(1990, 5, 17), "female", "Europe/Paris"
    profile.doctor_goal_mg = 400
    profile.save()
    with_goal_history(user)
    granola = make_food("Alice's granola", source=Food.Source.CUSTOM, owner=user, sodium_mg=150,
                        portions=[("1 serving (label)", "45")])
    granola.estimate_from(pumpkin_seeds, ["magnesium_mg"])  # its label gives no magnesium
    granola.save()
    log_food(user, pumpkin_seeds, "0.5", date(2026, 11, 2), portion="1 cup")
    log_food(user, spinach, 85, date(2026, 11, 2), meal="lunch")
    log_food(user, granola, "2", date(2026, 11, 3), portion="1 serving (label)")
    gone = make_food("A food later withdrawn", magnesium_mg=20)
    log_food(user, gone, 50, date(2026, 11, 3), meal="dinner")
    gone.delete()  # the entry keeps its figures without its food
    MealEntry.objects.create(
        user=user, date=date(2026, 11, 4), meal="snack", grams=None, portion_description="1.00 cup",
        food_name="Coffee", food_source=CRONOMETER, magnesium_mg=None, energy_kcal=Decimal("2.40"),
        import_fingerprint="a" * 64,
    )
    product = make_product(user)
    log_dose(user, date(2026, 11, 2), product=product, units=2)
    log_dose(user, date(2026, 11, 3), elemental_mg=100, name="Magnesium citrate")
    write_note(user, date(2026, 11, 2), palpitations=5, heart_rate_lying=62, heart_rate_standing=101, text="Dizzy")
    DayMark.objects.create(user=user, date=date(2026, 11, 2), food_complete=True)
    DayMark.objects.create(user=user, date=date(2026, 11, 3), no_supplements=True, no_medicines=True)
    SavedMeal.create_from(user, "usual breakfast", MealEntry.objects.filter(user=user, date=date(2026, 11, 2)))
    SavedMeal.create_from(user, "granola", MealEntry.objects.filter(user=user, food=granola))
    run_stand_test(user, date(2026, 11, 4), supine=[(70, 120, 80), 72], standing=[95, (101, 104, 72)],
                   symptoms=["dizziness"], tag="baseline")
    add_drink(user, 250, date(2026, 11, 2))
    add_lab_result(user, "serum_magnesium", "1.9", "mg/dL", date(2026, 11, 5), low="1.7", high="2.4", lab="Quest")
    add_lab_result(user, "creatinine", "75", "umol/L", date(2026, 11, 5))
    profile.kidney_disease = True
    profile.save()
    doxycycline = make_medicine(user, "Doxycycline", kind="tetracycline", dose="100 mg", usual_times=["08:00", "20:00"],
                                started_on=date(2026, 11, 1), stopped_on=date(2026, 11, 14))
    log_medicine_dose(user, doxycycline, date(2026, 11, 2))
    make_medicine(user, "Furosemide", kind="loop_diuretic", dose="20 mg")
    return user


def with_goal_history(user):
    from journal.models import DoctorGoal

    DoctorGoal.objects.create(user=user, start=date(2026, 11, 1), mg=350)
    DoctorGoal.objects.create(user=user, start=date(2026, 11, 20), mg=400)


def described(obj, owner, nested=False):
    """Every stored value of a row, its owner as "owner" and each row it refers to by its own values (not ids)."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in ("updated_at", "typical_portion"):
            continue
        if not field.is_relation:
            values[field.name] = getattr(obj, field.attname)
        elif field.related_model is get_user_model():
            values[field.name] = "owner" if getattr(obj, field.attname) == owner.pk else getattr(obj, field.attname)
        elif not nested:
            target = getattr(obj, field.name)
            values[field.name] = None if target is None else described(target, owner, nested=True)
        else:
            values[field.name] = getattr(obj, field.attname) is not None
    return values


def everything_of(user):
    return {table.name: [described(row, user) for row in table.rows_of(user)] for table in TABLES}


def restored(data, make_user):
    carol = make_user("carol")
    call_command_free_restore(carol, data)
    return carol


def call_command_free_restore(user, data):
    from journal.backup import read_backup, restore_backup

    restore_backup(user, read_backup(json.dumps(data)))


def test_a_round_trip_keeps_every_row_and_every_day(diary, make_user, django_assert_max_num_queries):
    with django_assert_max_num_queries(len(TABLES)):  # one query a table, however long the diary
        data = export_backup(diary)
    carol = restored(json.loads(json.dumps(data)), make_user)
    before, after = everything_of(diary), everything_of(carol)
    assert {name: len(rows) for name, rows in after.items()} == {
        "profile": 1, "doctor_goals": 2, "day_marks": 2, "custom_foods": 1, "custom_food_portions": 1,
        "supplement_products": 2, "meal_entries": 5, "supplement_doses": 2, "symptom_notes": 1, "saved_meals": 2,
        "saved_meal_items": 3, "stand_tests": 1, "stand_readings": 4, "drinks": 1,
        "lab_results": 2, "medicines": 2, "medicine_doses": 1,
    }
    assert after == before
    alice_days = days_of(Profile.for_user(diary), FIRST, LAST)
    assert days_of(Profile.for_user(carol), FIRST, LAST) == alice_days
    # 2 Nov: half a cup of pumpkin seeds (64.5 g x 592 mg/100 g = 381.84) + 85 g spinach (x 79 = 67.15) = 448.99
    # from food, + 2 capsules x 70.50 mg = 141 from supplements: 589.99 -> 590 mg, against the doctor's 350 mg.
    second = alice_days[1]
    assert (second.magnesium.total, second.goal.mg, second.counted) == (Decimal(590), 350, True)


def test_custom_foods_are_recreated_for_the_new_owner_and_shared_foods_found_by_usda_id(diary, make_user):
    data = export_backup(diary)
    seeds_entry = next(row for row in data["tables"]["meal_entries"] if row["food_name"].startswith("Seeds"))
    assert seeds_entry["food"] == {"source": "sr28", "source_id": "12014"}
    assert seeds_entry["portion"] == {"food": {"source": "sr28", "source_id": "12014"}, "description": "1 cup"}
    carol = restored(data, make_user)
    granola = Food.objects.get(owner=carol)
    assert granola.name == "Alice's granola" and granola.pk != Food.objects.get(owner=diary).pk
    assert MealEntry.objects.get(user=carol, food_name="Alice's granola").food == granola
    assert granola.typical_portion.description == "1 serving (label)"  # searchable and indexed as a new food is
    # Its magnesium is still the estimate from the shared pumpkin seeds, found again by their USDA id.
    assert (granola.magnesium_mg, granola.estimated_figures, granola.estimated_from.source_id) == (
        592, "magnesium_mg", "12014")
    citation = "USDA SR28 NDB 12014 Seeds, pumpkin and squash seed kernels, dried"
    assert granola.estimated_from_citation == citation
    assert MealEntry.objects.get(user=carol, food=granola).estimated_from == citation


def test_every_model_that_holds_a_persons_data_is_in_the_backup(db):
    """A model added later that refers to the user, or to a row that does, fails here until it has its table."""
    owned = {get_user_model()}
    grew = True
    while grew:
        before = len(owned)
        for model in [*apps.get_app_config("journal").get_models(), *apps.get_app_config("foods").get_models()]:
            if any(field.is_relation and field.related_model in owned
                   for field in model._meta.concrete_fields):
                owned.add(model)
        grew = len(owned) > before
    assert owned - {get_user_model()} == {table.model for table in TABLES} | set(NOT_BACKED_UP)


def test_the_file_says_what_it_is(diary):
    data = export_backup(diary)
    assert (data["format"], data["version"], data["username"]) == ("mgtracker-backup", FORMAT_VERSION, "alice")


def refused(user, content):
    from journal.backup import BackupError, read_backup, restore_backup

    with pytest.raises(BackupError) as error:
        restore_backup(user, read_backup(content))
    assert all(not table.rows_of(user).exists() for table in TABLES), "nothing may be half-restored"
    return str(error.value)


def broken(data, table, **changes):
    data = json.loads(json.dumps(data))
    data["tables"][table][-1].update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n", "not JSON"),
    ("{not json", "not JSON"),
    ('{"format": "something-else", "version": 1, "tables": {}}', "not an mgtracker backup"),
    ('[1, 2]', "not an mgtracker backup"),
    (json.dumps({"format": "mgtracker-backup", "version": FORMAT_VERSION + 1, "tables": {}}), "newer mgtracker"),
    ('{"format": "mgtracker-backup", "version": "1", "tables": {}}', "no valid format version"),
    ('{"format": "mgtracker-backup", "version": 1, "tables": {"recipes": []}}', "tables this version does not know"),
])
def test_a_foreign_broken_or_newer_file_is_refused(make_user, content, message):
    assert message in refused(make_user("carol"), content)


def test_a_broken_row_refuses_the_whole_file_and_names_the_row(diary, make_user):
    data = export_backup(diary)
    # The profile, goals, marks and foods come before the meal entries: none of them may stay behind.
    assert "meal_entries, row 5: meal:" in refused(make_user("carol"), broken(data, "meal_entries", meal="brunch"))
    assert "row 5: grams:" in refused(make_user("dave"), broken(data, "meal_entries", grams="lots"))
    assert "refers to row 99" in refused(make_user("erin"), broken(data, "saved_meal_items", saved_meal=99))
    assert "time_zone" in refused(make_user("fay"), broken(data, "profile", time_zone="Mars/Olympus"))
    first = data["tables"]["saved_meals"][0]["id"]
    assert f"id {first} is another row's too" in refused(make_user("hal"), broken(data, "saved_meals", id=first))
    assert "gives no offset" in refused(make_user("gil"), broken(data, "symptom_notes", recorded_at="2026-11-02T12:00"))
    for n, times in enumerate(({"08:00": 1}, ["8 am"], ["24:00"], [f"0{hour}:00" for hour in range(7)], 8)):
        reason = refused(make_user(f"ivy{n}"), broken(data, "medicines", usual_times=times))
        assert "medicines, row 2: usual_times: Usual times are a list of at most 6 times" in reason, times


def test_a_row_that_breaks_a_database_rule_refuses_the_whole_file(diary, make_user):
    data = export_backup(diary)
    data["tables"]["day_marks"][1]["date"] = data["tables"]["day_marks"][0]["date"]  # two marks on one day
    assert "breaks a rule of the diary" in refused(make_user("carol"), json.dumps(data))


def test_a_saved_meal_of_a_food_this_site_lacks_is_refused(diary, make_user):
    data = export_backup(diary)
    item = next(row for row in data["tables"]["saved_meal_items"] if isinstance(row["food"], dict))
    item["food"] = {"source": "sr28", "source_id": "99999999"}
    assert "sr28 99999999 is not in this site's food table" in refused(make_user("carol"), json.dumps(data))


def test_a_backup_restores_only_into_an_empty_account(diary, user):
    from journal.backup import BackupError, read_backup, restore_backup

    with pytest.raises(BackupError, match="already holds records"):
        restore_backup(user, read_backup(json.dumps(export_backup(diary))))
    assert MealEntry.objects.filter(user=user).count() == 5  # nothing doubled


def test_the_page_downloads_and_restores(diary, client, make_user):
    client.force_login(diary)
    response = client.get("/profile/data/backup/")
    assert response["Content-Disposition"] == 'attachment; filename="mgtracker-backup-2026-11-28.json"'
    carol = make_user("carol")
    client.force_login(carol)
    upload = SimpleUploadedFile("backup.json", response.content, content_type="application/json")
    assertRedirects(client.post("/profile/data/restore/", {"file": upload}), "/today/", fetch_redirect_response=False)
    assert everything_of(carol) == everything_of(diary)


def test_the_page_and_the_download_take_a_few_queries_however_long_the_diary(diary, client,
                                                                          django_assert_max_num_queries):
    client.force_login(diary)
    with django_assert_max_num_queries(16):  # session, user, profile, one "has a diary?" per table
        assert client.get("/profile/data/").status_code == 200
    with django_assert_max_num_queries(4 + len(TABLES)):  # session, user, profile, then one query a table
        assert client.get("/profile/data/backup/").status_code == 200


def test_the_page_says_why_a_file_is_refused(logged_in_client, user):
    upload = SimpleUploadedFile("notes.json", b'{"format": "other"}', content_type="application/json")
    response = logged_in_client.post("/profile/data/restore/", {"file": upload})
    assertContains(response, "This file is not an mgtracker backup", status_code=400)


def test_restoring_needs_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    upload = SimpleUploadedFile("backup.json", b"{}", content_type="application/json")
    assert client.post("/profile/data/restore/", {"file": upload}).status_code == 403


def test_the_commands_write_and_restore_a_backup(diary, make_user, tmp_path):
    path = tmp_path / "alice.json"
    call_command("export_backup", "--user", "alice", str(path), stdout=StringIO())
    carol = make_user("carol")
    out = StringIO()
    call_command("import_backup", "--user", "carol", str(path), stdout=out)
    assert "meal_entries: 5" in out.getvalue()
    assert everything_of(carol) == everything_of(diary)


def test_the_import_command_refuses_a_broken_file_and_imports_nothing(make_user, tmp_path):
    carol = make_user("carol")
    path = tmp_path / "broken.json"
    path.write_text("{")
    with pytest.raises(CommandError, match="not JSON. Nothing was imported"):
        call_command("import_backup", "--user", "carol", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("import_backup", "--user", "nobody", str(path), stdout=StringIO())
    assert not MealEntry.objects.filter(user=carol).exists()


def test_each_label_of_the_page_finds_its_own_input(logged_in_client):
    html = logged_in_client.get("/profile/data/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # two forms on one page: no id twice
    assert 'for="backup_file"' in html and 'for="cronometer_file"' in html
