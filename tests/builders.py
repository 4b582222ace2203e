"""Builders for every test: foods as the importer leaves them, and a person's meals, doses and symptom notes
logged through the models' own methods, so the figures frozen on each record are the ones the app would freeze.

Plain functions with keyword arguments; the fixtures in conftest.py call them. Where a day is left out, a
record goes on the user's today (or now): freeze the clock (the `frozen_now` fixture) in such tests.
"""

import itertools
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from foods.models import Food, Portion
from foods.search import reindex
from journal.models import (
    Drink,
    LabResult,
    MealEntry,
    Medicine,
    MedicineDose,
    Profile,
    StandReading,
    StandTest,
    SupplementDose,
    SupplementProduct,
    SymptomNote,
)

_source_ids = itertools.count(90001)  # shared foods are unique by source and source id


def _decimal(value):
    return None if value is None else Decimal(str(value))


def make_food(name="Test food", *, magnesium_mg=None, portions=(), source=Food.Source.SR28, source_id=None,
              category="", owner=None, **nutrients):
    """A food with figures per 100 g (potassium_mg, sodium_mg, calcium_mg, energy_kcal in `nutrients`) and its
    portions as (description, grams) pairs in USDA order, reindexed as the importer leaves it (search data and
    typical portion). A shared food without a source id gets an unused one; a custom food (owner) has none."""
    if source_id is None:
        source_id = "" if owner else str(next(_source_ids))
    food = Food.objects.create(
        name=name, source=source, source_id=source_id, category=category, owner=owner,
        magnesium_mg=_decimal(magnesium_mg), **{field: _decimal(value) for field, value in nutrients.items()},
    )
    Portion.objects.bulk_create(
        Portion(food=food, description=description, grams=_decimal(grams), position=position)
        for position, (description, grams) in enumerate(portions, start=1)
    )
    reindex([food])
    return food


def make_foods(*rows):
    """Several foods from (name, source, source_id) rows."""
    return [make_food(name, source=source, source_id=source_id) for name, source, source_id in rows]


def pumpkin_seeds():
    """USDA SR28 12014, figures per 100 g."""
    return make_food(
        "Seeds, pumpkin and squash seed kernels, dried", source_id="12014", category="Nut and Seed Products",
        portions=[("1 cup", "129"), ("1 oz", "28.35")],
        magnesium_mg=592, potassium_mg=809, sodium_mg=7, calcium_mg=46, energy_kcal=559, water_g="5.23",
    )


def spinach():
    """USDA SR28 11457, figures per 100 g."""
    return make_food(
        "Spinach, raw", source_id="11457", category="Vegetables and Vegetable Products",
        portions=[("1 cup", "30"), ("1 bunch", "340")],
        magnesium_mg=79, potassium_mg=558, sodium_mg=79, calcium_mg=99, energy_kcal=23, water_g="91.40",
    )


def log_food(user, food, amount, day=None, *, meal="breakfast", portion=None):
    """A meal entry as the add form writes it: `amount` grams, or a count of the portion so described."""
    portion = food.portions.get(description=portion) if portion else None
    amount = Decimal(str(amount))
    entry = MealEntry(user=user, date=day or Profile.for_user(user).today(), meal=meal)
    entry.set_food(food, amount * portion.grams if portion else amount, portion, amount if portion else None)
    entry.save()
    return entry


def make_product(user, **fields):
    """500 mg of magnesium glycinate a capsule (70.50 mg elemental), unless `fields` say otherwise."""
    defaults = {"name": "Magnesium glycinate", "brand": "Acme", "form": "glycinate", "unit_name": "capsule",
                "label_compound_mg": Decimal("500")}
    return SupplementProduct.objects.create(user=user, **defaults | fields)


def add_drink(user, ml, day=None, *, kind=Drink.Kind.WATER):
    """A drink of `ml` ml, as the day page's buttons add it."""
    return Drink.objects.create(user=user, date=day or Profile.for_user(user).today(), ml=ml, kind=kind)


def salt_tablet(user):
    """1 g of sodium chloride a tablet, as such labels give it: 393 mg of sodium, no magnesium."""
    return make_product(user, name="Salt tablet", brand="", form="other", unit_name="tablet",
                        label_compound_mg=None, label_elemental_mg=Decimal(0), sodium_mg_per_unit=Decimal(393))


def rehydration_sachet(user):
    """An oral rehydration sachet made up with 200 ml of water: 345 mg of sodium and 156 mg of potassium (the WHO
    solution's 75 and 20 mmol a litre, for 200 ml), no magnesium."""
    return make_product(user, name="Rehydration salts", brand="", form="other", unit_name="sachet",
                        label_compound_mg=None, label_elemental_mg=Decimal(0), sodium_mg_per_unit=Decimal(345),
                        potassium_mg_per_unit=Decimal(156), water_ml_per_unit=Decimal(200))


def _moment(user, day, at):
    """`at` if given; else noon of `day` in the user's zone; else now."""
    if at is not None:
        return at
    if day is None:
        return timezone.now()
    return datetime.combine(day, time(12), Profile.for_user(user).zone)


def log_dose(user, day=None, *, elemental_mg=None, product=None, units="1", taken_at=None,
             name="Magnesium glycinate"):
    """A dose of `units` of a product, its figures copied as the dose form does. Without a product, one named
    `name` is added whose label gives `elemental_mg` for the `units` taken."""
    units = Decimal(str(units))
    if product is None:
        product = make_product(user, name=name, brand="", label_compound_mg=None,
                               label_elemental_mg=Decimal(str(elemental_mg)) / units)
    dose = SupplementDose(user=user, units=units, taken_at=_moment(user, day, taken_at))
    dose.date = Profile.for_user(user).local_date(dose.taken_at)
    dose.copy_product(product)
    dose.save()
    return dose


def make_medicine(user, name="Alendronate", *, kind="bisphosphonate", dose="70 mg tablet", usual_times=(),
                  started_on=date(2026, 1, 1), stopped_on=None):
    """A medicine of `kind` (a Medicine.Kind value), taken from the first of January 2026 unless said otherwise."""
    return Medicine.objects.create(user=user, name=name, kind=kind, dose=dose, usual_times=list(usual_times),
                                   started_on=started_on, stopped_on=stopped_on)


def log_medicine_dose(user, medicine, day=None, *, taken_at=None):
    """A dose of `medicine` at `taken_at` (aware), or at noon of `day` in the user's zone, or now."""
    taken_at = _moment(user, day, taken_at)
    return MedicineDose.objects.create(user=user, medicine=medicine, taken_at=taken_at,
                                       date=Profile.for_user(user).local_date(taken_at))


def write_note(user, day=None, *, recorded_at=None, dizziness=3, fatigue=4, anxiety=2, **fields):
    """A symptom note; `fields` take the other scores, heart rates and text."""
    recorded_at = _moment(user, day, recorded_at)
    return SymptomNote.objects.create(
        user=user, recorded_at=recorded_at, date=Profile.for_user(user).local_date(recorded_at),
        dizziness=dizziness, fatigue=fatigue, anxiety=anxiety, **fields,
    )


def run_stand_test(user, day=None, *, supine=((70, None, None), (75, None, None)), standing=(), started_at=None,
                   **fields):
    """A stand test with its readings as (heart rate, systolic, diastolic): two lying, then minutes 1, 2, ... of
    standing. A bare heart rate stands for a reading without blood pressure. `fields` take tag, symptoms,
    stopped_early and text."""
    started_at = _moment(user, day, started_at)
    test = StandTest.objects.create(
        user=user, started_at=started_at, date=Profile.for_user(user).local_date(started_at), **fields,
    )
    readings = [(StandReading.Position.SUPINE, supine), (StandReading.Position.STANDING, standing)]
    StandReading.objects.bulk_create(
        StandReading(test=test, position=position, minute=minute, **_reading(values))
        for position, values_of in readings for minute, values in enumerate(values_of, start=1)
    )
    return test


def _reading(values):
    heart_rate, systolic, diastolic = values if isinstance(values, tuple) else (values, None, None)
    return {"heart_rate": heart_rate, "systolic": systolic, "diastolic": diastolic}


def add_lab_result(user, analyte, value, unit, day=None, *, low=None, high=None, lab="", note=""):
    """A lab result as the form saves it: the value, unit and range as printed on the lab's report."""
    return LabResult.objects.create(
        user=user, analyte=analyte, taken_on=day or Profile.for_user(user).today(), value=_decimal(value), unit=unit,
        range_low=_decimal(low), range_high=_decimal(high), lab=lab, note=note,
    )
