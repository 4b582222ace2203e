"""The database itself refuses diary rows the forms would refuse, whatever writes them (admin, shell, a bug).

Each row is written valid first, then one figure is pushed past the form's bound with an UPDATE that skips
every Python check; the same runs on SQLite and PostgreSQL.
"""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from journal.models import Drink, MealEntry, SupplementDose, SupplementProduct, SymptomNote
from tests.builders import log_dose, make_product, write_note


@pytest.fixture
def diary(user, log_food, pumpkin_seeds):
    product = make_product(user, label_elemental_mg=Decimal("120"))
    return {
        MealEntry: log_food(pumpkin_seeds, 1, portion="1 oz"),
        SupplementProduct: product,
        SupplementDose: log_dose(user, product=product),
        SymptomNote: write_note(user, heart_rate_lying=60, heart_rate_standing=95),
        Drink: Drink.objects.create(user=user, date=product.user.profile.today(), ml=250),
    }


def update(row, **figures):
    with transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**figures)


REFUSED = [
    (MealEntry, {"grams": Decimal(0)}),
    (MealEntry, {"grams": Decimal("-28.35")}),
    (MealEntry, {"grams": Decimal("5000.01")}),
    (MealEntry, {"grams": None}),  # only an imported row may lack its weight
    (MealEntry, {"portion_quantity": Decimal(0)}),
    (MealEntry, {"portion_quantity": Decimal("-1")}),
    (SupplementDose, {"units": Decimal(0)}),
    (SupplementDose, {"units": Decimal("-2")}),
    (SupplementDose, {"elemental_mg": Decimal("-0.01")}),
    (SupplementDose, {"elemental_mg": Decimal("10000.01")}),
    (SupplementDose, {"sodium_mg": Decimal("-0.01")}),
    (SupplementDose, {"water_ml": Decimal("-0.1")}),
    (SupplementProduct, {"label_elemental_mg": Decimal("-0.01")}),  # 0 is a salt tablet's: no magnesium
    (SupplementProduct, {"sodium_mg_per_unit": Decimal("-1")}),
    (Drink, {"ml": 0}),
    (Drink, {"ml": 20_001}),
    (SupplementProduct, {"label_compound_mg": Decimal("-500")}),
    (SymptomNote, {"dizziness": 11}),
    (SymptomNote, {"sleep_quality": 11}),
    (SymptomNote, {"headache": 200}),
    (SymptomNote, {"heart_rate_lying": 19}),
    (SymptomNote, {"heart_rate_standing": 251}),
]


@pytest.mark.parametrize(("model", "figures"), REFUSED, ids=lambda value: str(value))
def test_the_database_refuses_figures_outside_the_forms_bounds(diary, model, figures):
    with pytest.raises(IntegrityError):
        update(diary[model], **figures)
    row = model.objects.get(pk=diary[model].pk)
    for name in figures:
        assert getattr(row, name) == getattr(diary[model], name)


ACCEPTED = [
    (MealEntry, {"grams": Decimal("0.01")}),
    (MealEntry, {"grams": Decimal(5000), "portion_quantity": None}),
    (MealEntry, {"grams": None, "food_source": "cronometer", "portion_quantity": None}),
    (SupplementDose, {"elemental_mg": Decimal(0)}),
    (SupplementDose, {"elemental_mg": Decimal(10_000)}),
    (SupplementProduct, {"label_elemental_mg": None, "label_compound_mg": Decimal("0.01")}),
    (SupplementProduct, {"label_elemental_mg": Decimal(0), "sodium_mg_per_unit": Decimal(393)}),  # a salt tablet
    (Drink, {"ml": 20_000}),
    (SymptomNote, {"dizziness": 0, "fatigue": 10, "palpitations": None}),
    (SymptomNote, {"heart_rate_lying": 25, "heart_rate_standing": 250}),
    (SymptomNote, {"heart_rate_lying": None, "heart_rate_standing": None}),
]


@pytest.mark.parametrize(("model", "figures"), ACCEPTED, ids=lambda value: str(value))
def test_the_database_accepts_the_edges_and_empty_figures(diary, model, figures):
    update(diary[model], **figures)
    row = model.objects.get(pk=diary[model].pk)
    assert {name: getattr(row, name) for name in figures} == figures
