"""Any file, however hostile, is imported whole or refused with a message: never an error page, never half."""

import csv
import io
import itertools
import json
from datetime import date

from django.contrib.auth import get_user_model
from hypothesis import example, given
from hypothesis import strategies as st

from journal.backup import TABLES, BackupError, export_backup, read_backup, restore_backup
from journal.cronometer import CronometerError, import_rows, read_servings
from journal.models import MealEntry
from tests.builders import log_dose, log_food, make_food, write_note
from tests.hostile import FEW_EXAMPLES, hostile_values

ROW = {"Day": "2026-11-02", "Group": "Lunch", "Food Name": "Oats", "Amount": "40.00 g", "Magnesium (mg)": "55.20",
       "Sodium (mg)": "2.40"}
usernames = (f"restorer{n}" for n in itertools.count())


def servings(row):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode()


def test_any_cronometer_row_is_imported_or_refused(user, frozen_now):
    @FEW_EXAMPLES
    @given(changes=st.dictionaries(st.sampled_from(sorted(ROW)), hostile_values, min_size=1))
    @example(changes={"Magnesium (mg)": "1e309"})  # once a server error: too large for Decimal to round to 0.01
    def check(changes):
        before = MealEntry.objects.count()
        try:
            rows = read_servings(servings(ROW | changes), date(2026, 11, 28))
        except CronometerError as error:
            assert str(error)
            return
        added, already = import_rows(user, rows)
        assert MealEntry.objects.count() == before + added and added + already == 1

    check()


def hostile_json():
    return st.one_of(
        hostile_values, st.none(), st.booleans(), st.integers(), st.floats(), st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    )


def test_any_backup_row_is_restored_or_refused_leaving_nothing(user, frozen_now):
    seeds = make_food("Pumpkin seeds", magnesium_mg=592, portions=[("1 cup", "129")])
    log_food(user, seeds, "0.5", date(2026, 11, 2), portion="1 cup")
    log_dose(user, date(2026, 11, 2), elemental_mg=120)
    write_note(user, date(2026, 11, 2), text="tired")
    data = export_backup(user)
    fields = [(table, name) for table in ("profile", "meal_entries", "supplement_doses", "symptom_notes")
              for name in data["tables"][table][0]]

    @FEW_EXAMPLES
    @given(field=st.sampled_from(fields), value=hostile_json())
    def check(field, value):
        table, name = field
        changed = json.loads(json.dumps(data))
        changed["tables"][table][0][name] = value
        person = get_user_model().objects.create_user(next(usernames))
        try:
            restore_backup(person, read_backup(json.dumps(changed)))
        except BackupError as error:
            assert str(error)
            assert not any(table.rows_of(person).exists() for table in TABLES)
        person.delete()

    check()
