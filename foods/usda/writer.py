"""Store FoodRecords as shared foods: one writer for the USDA import and the curated table.

Foods are matched on (source, source_id) among shared foods (owner null): a new
key is created, a known one updated only when a figure, name or portion changed.
Portions are brought in line by position, so the portions that did not change keep
their ids (saved meals and log entries point at them). Each batch costs a fixed
number of queries, whatever its size.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from foods import figures, search
from foods.models import Food, Portion
from foods.usda.records import NUTRIENT_NAMES

BATCH_SIZE = 1000
FOOD_FIELDS = ("name", "category", *NUTRIENT_NAMES)


@dataclass
class Written:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    portions_written: int = 0
    portions_deleted: int = 0


def save_foods(records, progress=None):
    """Upsert `records` (a list of FoodRecord) in one transaction; return the counts.

    `progress(done, total)` is called after each batch. The search index is told
    about every food created or updated.
    """
    written = Written()
    changed_ids = []
    with transaction.atomic():
        for start in range(0, len(records), BATCH_SIZE):
            batch = {record.key: record for record in records[start:start + BATCH_SIZE]}
            changed_ids += _save_batch(batch, written)
            if progress:
                progress(min(start + BATCH_SIZE, len(records)), len(records))
        if changed_ids:
            search.reindex(Food.objects.filter(pk__in=changed_ids))
    return written


def _save_batch(batch, written):
    """Write one batch of {key: FoodRecord}; return the ids of the foods created or updated."""
    by_source = defaultdict(list)
    for source, source_id in batch:
        by_source[source].append(source_id)
    keys = Q()
    for source, source_ids in by_source.items():
        keys |= Q(source=source, source_id__in=source_ids)
    existing = {(food.source, food.source_id): food for food in Food.objects.filter(keys, owner=None)}
    portions = defaultdict(list)
    for portion in Portion.objects.filter(food__in=list(existing.values())).order_by("food", "position", "pk"):
        portions[portion.food_id].append(portion)

    now = timezone.now()
    new_foods, changed_foods = [], []
    for key, record in batch.items():
        values = _food_values(record)
        food = existing.get(key)
        if food is None:
            new_foods.append(Food(source=record.source, source_id=record.source_id, **values))
        elif _differs(food, values, portions[food.pk], record):
            for name, value in values.items():
                setattr(food, name, value)
            food.updated_at = now  # bulk_update skips auto_now
            changed_foods.append(food)
        else:
            written.unchanged += 1
    Food.objects.bulk_create(new_foods)
    Food.objects.bulk_update(changed_foods, [*FOOD_FIELDS, "updated_at"])
    written.created += len(new_foods)
    written.updated += len(changed_foods)

    touched = new_foods + changed_foods
    _align_portions(touched, batch, portions, written)
    return [food.pk for food in touched]


def _align_portions(foods, batch, portions, written):
    """Make each food's portions those of its record, reusing rows position by position."""
    to_create, to_update, to_delete = [], [], []
    for food in foods:
        current = portions[food.pk]
        wanted = batch[food.source, food.source_id].portions
        for position, record in enumerate(wanted):
            grams = _fit(record.grams, Portion, "grams")
            if position < len(current):
                portion = current[position]
                if (portion.description, portion.grams, portion.position) != (record.description, grams, position):
                    portion.description, portion.grams, portion.position = record.description, grams, position
                    to_update.append(portion)
            else:
                to_create.append(Portion(food=food, description=record.description, grams=grams, position=position))
        to_delete += [portion.pk for portion in current[len(wanted):]]
    Portion.objects.bulk_create(to_create)
    Portion.objects.bulk_update(to_update, ["description", "grams", "position"])
    Portion.objects.filter(pk__in=to_delete).delete()
    written.portions_written += len(to_create) + len(to_update)
    written.portions_deleted += len(to_delete)


def _differs(food, values, stored_portions, record):
    """Whether the stored food or its portions differ from what the record says."""
    if any(getattr(food, name) != value for name, value in values.items()):
        return True
    stored = [(portion.description, portion.grams) for portion in stored_portions]
    return stored != [(portion.description, _fit(portion.grams, Portion, "grams")) for portion in record.portions]


def _food_values(record):
    values = {"name": record.name, "category": record.category}
    for name in NUTRIENT_NAMES:
        value = record.nutrients.get(name)
        values[name] = _fit(value, Food, name) if value is not None else None
    return values


def _fit(value, model, field_name):
    """`value` at the precision its column stores (Food figures 0.001, portion grams 0.01).

    USDA figures almost never carry more decimals; when one does (FDC's 2048 energy,
    "699.59644"), the column would round it anyway: rounding it here, half up as every
    figure is (foods.figures), and comparing the rounded value keeps a re-import from
    seeing a change that is not there.
    """
    places = model._meta.get_field(field_name).decimal_places
    return figures.stored(value, Decimal(1).scaleb(-places))
