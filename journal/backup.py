"""A person's whole diary as one JSON file, and back: the format is described in docs/backup-format.md.

Every table the person owns is one entry of TABLES, in an order where a row refers only to rows of the tables
before it: a model added later is one more line there (and one more version, see FORMAT_VERSION). Each row keeps
every stored field except its database id, its owner and the fields worked out again on restore. A reference to
a row of the file is that row's "id" in the file; a reference to a shared USDA food (or one of its portions) is
its source and source id, never its database id, so a backup restores on another site with the same food table.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from foods.models import Food, Portion
from foods.search import reindex
from journal.models import (
    DayMark,
    DayStamp,
    DoctorGoal,
    Drink,
    LabResult,
    MealEntry,
    Medicine,
    MedicineDose,
    Profile,
    SavedMeal,
    SavedMealItem,
    ShareLink,
    StandReading,
    StandTest,
    SupplementDose,
    SupplementProduct,
    SymptomNote,
)

# Kept out on purpose: a share link's token is stored only as its hash, so a restored link could never be opened; a
# day's stamp is the database's own note that the day was written, made anew as the restore writes the rows.
NOT_BACKED_UP = (ShareLink, DayStamp)
# Not diary content: the key that stops a phone's offline queue from saving an entry twice matters only while the
# phone may send it again, so a file neither carries it nor reads it.
NOT_KEPT_FIELDS = ("idempotency_key",)

FORMAT = "mgtracker-backup"
# Raised whenever a table or a field is added, renamed or changes meaning: an older site then refuses the file
# rather than dropping what it does not know. A file of an earlier version restores (a field it lacks takes the
# field's default).
# Version 2: the lab_results table. Version 3 (issue 14): the medicines and medicine_doses tables, the profile's
# kidney_disease, DayMark.no_medicines. Version 4 (issue 15): custom foods and meal entries say which figures are
# estimates, and from what.
FORMAT_VERSION = 4


class BackupError(Exception):
    """A file that cannot be restored, with a message for the person."""


@dataclass(frozen=True)
class Table:
    name: str  # its key in the file
    model: type
    owner: str  # the lookup from a row to its user
    derived: tuple = ()  # fields worked out again on restore, so not kept

    @property
    def owner_field(self):
        """The field set to the person on restore; None when the row belongs to them through its parent."""
        return None if "__" in self.owner else self.owner

    def rows_of(self, user):
        return self.model.objects.filter(**{self.owner: user}).order_by("pk")

    def fields(self):
        return [
            field for field in self.model._meta.concrete_fields
            if not field.primary_key and field.name != self.owner_field
            and field.name not in (*self.derived, *NOT_KEPT_FIELDS)
        ]


TABLES = (
    Table("profile", Profile, "user"),
    Table("doctor_goals", DoctorGoal, "user"),
    Table("day_marks", DayMark, "user"),
    Table("drinks", Drink, "user"),
    Table("custom_foods", Food, "owner", derived=("search_text", "kind", "typical_portion", "updated_at")),
    Table("custom_food_portions", Portion, "food__owner"),
    Table("supplement_products", SupplementProduct, "user"),
    Table("meal_entries", MealEntry, "user"),
    Table("supplement_doses", SupplementDose, "user"),
    Table("medicines", Medicine, "user"),
    Table("medicine_doses", MedicineDose, "user"),
    Table("symptom_notes", SymptomNote, "user"),
    Table("saved_meals", SavedMeal, "user"),
    Table("saved_meal_items", SavedMealItem, "saved_meal__user"),
    Table("stand_tests", StandTest, "user"),
    Table("stand_readings", StandReading, "test__user"),
    Table("lab_results", LabResult, "user"),
)
TABLE_OF_MODEL = {table.model: table for table in TABLES}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _shared_food_key(food):
    return {"source": food.source, "source_id": food.source_id}


def _shared_key(target):
    """How a file names a row it does not hold: a shared food by source and source id, a portion of one by its
    food and description."""
    if isinstance(target, Portion):
        return {"food": _shared_food_key(target.food), "description": target.description}
    return _shared_food_key(target)


def export_backup(user):
    """The person's whole diary as a dict ready for json.dumps, in one query per table."""
    tables, ids = {}, {}
    for table in TABLES:
        fields = table.fields()
        references = [field for field in fields if field.is_relation]
        shared = [f"{field.name}__food" if field.related_model is Portion else field.name
                  for field in references if field.related_model in (Food, Portion)]
        rows = list(table.rows_of(user).select_related(*shared))
        ids[table.model] = {row.pk for row in rows}
        tables[table.name] = [_row(row, fields, ids) for row in rows]
    return {
        "format": FORMAT, "version": FORMAT_VERSION, "exported_at": timezone.now().isoformat(),
        "username": user.get_username(), "tables": tables,
    }


def _row(row, fields, ids):
    data = {"id": row.pk}
    for field in fields:
        if not field.is_relation:
            data[field.name] = _plain(getattr(row, field.attname))
            continue
        target_id = getattr(row, field.attname)
        if target_id is None or target_id in ids.get(field.related_model, ()):
            data[field.name] = target_id  # a row of this file, by its id in the file
        else:
            data[field.name] = _shared_key(getattr(row, field.name))
    return data


def backup_json(user):
    return json.dumps(export_backup(user), indent=1, ensure_ascii=False)


def read_backup(content):
    """The file's dict, or BackupError saying why it is not a backup this site can restore."""
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: JSON nested beyond reason
        raise BackupError("This file is not an mgtracker backup: it is not JSON.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("This file is not an mgtracker backup (it does not say \"format\": \"mgtracker-backup\").")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise BackupError("This backup has no valid format version.")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"This backup was written in format version {version} by a newer mgtracker; this site reads versions up to "
            f"{FORMAT_VERSION}. Restore it on an up-to-date site."
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(rows, list) for rows in tables.values()):
        raise BackupError("This backup is broken: its \"tables\" are not lists of rows.")
    unknown = set(tables) - {table.name for table in TABLES}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise BackupError(f"This backup is broken: it has tables this version does not know ({names}).")
    return data


def has_diary(user):
    return any(table.rows_of(user).exists() for table in TABLES if table.model is not Profile)


@transaction.atomic
def restore_backup(user, data):
    """Write the backup `data` (from read_backup) into the person's account, which must hold no diary yet: all of
    it, or nothing (BackupError) when a row cannot be restored. Returns {table name: rows restored}."""
    if has_diary(user):
        raise BackupError(
            "Your account already holds records: a backup is restored only into an empty account, so that nothing "
            "is doubled or overwritten."
        )
    Profile.objects.filter(user=user).delete()  # the backup's profile replaces the one every page creates
    restorer = _Restorer(user)
    try:
        counts = {table.name: restorer.restore(table, data["tables"].get(table.name, [])) for table in TABLES}
    except DatabaseError as error:
        raise BackupError(f"This backup breaks a rule of the diary and was not restored ({error}).") from None
    reindex(restorer.created[Food].values())  # custom foods become searchable, with their typical portion
    return counts


class _Restorer:
    def __init__(self, user):
        self.user = user
        self.created = {}  # model -> {id in the file: saved row}
        self.shared = {}  # cache of shared foods and portions by their key in the file

    def restore(self, table, rows):
        fields = table.fields()
        by_file_id = {}
        for number, row in enumerate(rows, start=1):
            try:
                obj = self._object(table, fields, row)
                if row["id"] in by_file_id:
                    raise ValueError(f"its id {row['id']} is another row's too")  # references would be ambiguous
            except (ValidationError, ValueError, TypeError, KeyError, AttributeError) as error:
                raise BackupError(f"This backup is broken: {table.name}, row {number}: {_reason(error)}") from None
            by_file_id[row["id"]] = obj
        objects = list(by_file_id.values())
        stamps = [field.attname for field in fields if getattr(field, "auto_now_add", False)]
        kept = [[getattr(obj, name) for name in stamps] for obj in objects]
        table.model.objects.bulk_create(objects)
        if stamps and objects:
            # bulk_create stamped them with now; put back when the rows were first written.
            for obj, values in zip(objects, kept, strict=True):
                for name, value in zip(stamps, values, strict=True):
                    setattr(obj, name, value)
            table.model.objects.bulk_update(objects, stamps)
        self.created[table.model] = by_file_id
        return len(objects)

    def _object(self, table, fields, row):
        if not isinstance(row, dict) or type(row.get("id")) is not int:
            raise ValueError("a row must be an object with a whole-number \"id\"")
        unknown = set(row) - {"id", *(field.name for field in fields)}
        if unknown:
            raise ValueError(f"unknown fields {', '.join(sorted(unknown))}")
        obj = table.model()
        if table.owner_field:
            setattr(obj, table.owner_field, self.user)
        for field in fields:
            if field.name not in row:
                continue  # a file of an earlier version: the field keeps its default
            value = row[field.name]
            if isinstance(value, str) and "\x00" in value:
                raise ValueError(f"{field.name} holds a NUL character, which no text here can")  # PostgreSQL refuses it
            if field.is_relation:
                setattr(obj, field.name, self._target(field, value))
            else:
                try:
                    value = field.to_python(value)
                except ValidationError as error:
                    raise ValidationError({field.name: error.messages}) from None
                if isinstance(value, datetime) and timezone.is_naive(value):
                    raise ValueError(f"{field.name} gives no offset from UTC")  # which day it was depends on it
                setattr(obj, field.attname, value)
        obj.clean_fields(exclude=[field.name for field in fields if field.is_relation])
        obj.clean()
        return obj

    def _target(self, field, value):
        if value is None:
            if not field.null:
                raise ValueError(f"{field.name} is required")
            return None
        if isinstance(value, dict):
            target = self._shared(field.related_model, value)
            if target is None and not field.null:
                raise ValueError(f"{field.name} {_describe(value)} is not in this site's food table")
            return target
        try:
            return self.created[field.related_model][value]
        except (KeyError, TypeError):
            raise ValueError(f"{field.name} refers to row {value!r}, which is not in the file") from None

    def _shared(self, model, key):
        """The shared food or portion the file names, or None when this site's food table lacks it."""
        cache_key = (model, json.dumps(key, sort_keys=True))
        if cache_key not in self.shared:
            if model is Portion:
                food = self._shared(Food, key["food"])
                found = food and food.portions.filter(description=str(key["description"])).first()
            elif model is Food:
                found = Food.objects.filter(
                    owner=None, source=str(key["source"]), source_id=str(key["source_id"])
                ).first()
            else:
                raise ValueError(f"a {model._meta.verbose_name} is referred to by an id of the file, not by a key")
            self.shared[cache_key] = found
        return self.shared[cache_key]


def _describe(key):
    if "description" in key:
        return f"\"{key['description']}\" of {_describe(key['food'])}"
    return f"{key.get('source')} {key.get('source_id')}"


def _reason(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        return " ".join(error.messages)
    if isinstance(error, KeyError):
        return f"{error.args[0]} is missing"
    return str(error)
