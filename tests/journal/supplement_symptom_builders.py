"""Builders for supplement products, doses and symptom notes, shared by the journal tests."""

from datetime import UTC, datetime
from decimal import Decimal

from journal.models import Profile, SupplementDose, SupplementProduct, SymptomNote

NOON_ON_MARCH_14 = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def make_product(user, **fields):
    defaults = {"name": "Magnesium glycinate", "brand": "Acme", "form": "glycinate", "unit_name": "capsule",
                "label_compound_mg": Decimal("500")}
    return SupplementProduct.objects.create(user=user, **defaults | fields)


def make_dose(user, product, units="1", taken_at=NOON_ON_MARCH_14):
    dose = SupplementDose(user=user, units=Decimal(units), taken_at=taken_at)
    dose.date = Profile.for_user(user).local_date(taken_at)
    dose.copy_product(product)
    dose.save()
    return dose


def make_note(user, recorded_at=NOON_ON_MARCH_14, **fields):
    scores = {"dizziness": 3, "fatigue": 4, "anxiety": 2} | fields
    date = Profile.for_user(user).local_date(recorded_at)
    return SymptomNote.objects.create(user=user, recorded_at=recorded_at, date=date, **scores)
