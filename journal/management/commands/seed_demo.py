"""A demo account with eight weeks of a plausible diary, for a newcomer to look around a development site."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from foods.models import Food
from journal.models import (
    DayMark,
    Drink,
    LabResult,
    MealEntry,
    Medicine,
    MedicineDose,
    Profile,
    SupplementDose,
    SupplementProduct,
    SymptomNote,
)

USERNAME, PASSWORD = "demo", "demo-magnesium"
DAYS = 56
ZONE = "Europe/London"

# Meals as (USDA SR28 food id, grams), from the curated food table (`manage.py load_foods`); a food missing from
# the table is left out of the meal. The names are the table's.
BREAKFASTS = (
    [("08120", 40), ("01077", 200), ("09040", 118)],  # Cereals, oats, dry; Milk, whole; Bananas, raw
    [("18075", 64), ("16098", 32), ("01123", 50)],  # Bread, whole-wheat; Peanut butter, smooth; Egg, whole, raw
    [("01116", 245), ("12061", 28), ("09040", 60)],  # Yogurt, plain, whole milk; Nuts, almonds; Bananas, raw
)
LUNCHES = (
    [("20037", 195), ("16015", 172), ("09037", 75)],  # Rice, brown, cooked; Beans, black, boiled; Avocados, raw
    [("11457", 60), ("05064", 120), ("20137", 185)],  # Spinach, raw; Chicken breast, roasted; Quinoa, cooked
    [("18075", 64), ("01009", 30), ("09003", 180)],  # Bread, whole-wheat; Cheese, cheddar; Apples, raw
    [("16070", 198), ("11674", 170)],  # Lentils, boiled; Potatoes, baked, flesh and skin
)
DINNERS = (
    [("15237", 150), ("11674", 170), ("11090", 90)],  # Fish, salmon, cooked; Potatoes, baked; Broccoli, raw
    [("20125", 140), ("11457", 30), ("01009", 20)],  # Pasta, whole-wheat, cooked; Spinach, raw; Cheese, cheddar
    [("16126", 126), ("20037", 195), ("11090", 90)],  # Tofu, firm (nigari); Rice, brown, cooked; Broccoli, raw
    [("05064", 120), ("20137", 185), ("09037", 50)],  # Chicken breast, roasted; Quinoa, cooked; Avocados, raw
)
SNACKS = (
    [("19904", 20)],  # Chocolate, dark, 70-85% cacao solids
    [("12061", 28)],  # Nuts, almonds
    [("12014", 15)],  # Seeds, pumpkin and squash seed kernels, dried
    [("09200", 140)],  # Oranges, raw
)
# When each meal, the dose and the evening note happen: today's diary holds only what has happened by now.
MEAL_TIMES = {"breakfast": time(8, 0), "lunch": time(13, 0), "snack": time(16, 0), "dinner": time(19, 0)}
DOSE_TIME, NOTE_TIME, OMEPRAZOLE_TIME = time(8, 30), time(20, 0), time(7, 30)
NOTES = (
    "Hot day: dizzy after the shower.", "Slept badly.", "Long walk, felt fine.", "Period started, more tired.",
    "Busy day at work, sat most of it.",
)


class Command(BaseCommand):
    help = (
        f"Create (or create again) the account {USERNAME!r} with {DAYS // 7} weeks of meals, magnesium doses, "
        "a medicine, drinks, symptom notes and two lab results up to now. Development sites only: it refuses when "
        "DEBUG is off."
    )

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo makes an account whose password is printed and published: it runs only with DEBUG on "
                "(a development site). Nothing was changed."
            )
        with transaction.atomic():
            user = make_demo_account()
            days = fill_diary(user, random.Random(DAYS))
        self.stdout.write(f"Demo diary: {days} days up to {Profile.for_user(user).today():%d %b %Y}.")
        self.stdout.write(f"Demo account: {USERNAME} / {PASSWORD}")


def make_demo_account():
    get_user_model().objects.filter(username=USERNAME).delete()  # the diary goes with it (every FK cascades)
    user = get_user_model().objects.create_user(USERNAME, email="demo@example.com", password=PASSWORD)
    Profile.objects.create(user=user, birth_date=date(1994, 3, 14), sex="female", time_zone=ZONE,
                           fluid_target_ml=2500, fluid_target_unit="ml", sodium_target_g=Decimal("3.0"),
                           sodium_target_as="sodium")
    return user


def fill_diary(user, chance):
    """Meals, doses, drinks and notes on each of the last DAYS days, the same for the same day count; today only
    what has happened by now."""
    zone, now = ZoneInfo(ZONE), Profile.for_user(user).now()
    today = now.date()

    def happened(day, at):
        return datetime.combine(day, at, tzinfo=zone) <= now

    foods = {food.source_id: food for food in Food.objects.filter(source=Food.Source.SR28, owner=None)}
    glycinate = SupplementProduct.objects.create(
        user=user, name="Magnesium glycinate", brand="Demo", form="glycinate", unit_name="capsule",
        label_compound_mg=Decimal("500"),  # 500 mg of the salt: 70.50 mg elemental magnesium a capsule
    )
    # A proton pump inhibitor taken for years: the profile and the report name what it can do to magnesium.
    omeprazole = Medicine.objects.create(user=user, name="Omeprazole", kind=Medicine.Kind.PPI_LONG_TERM,
                                         dose="20 mg capsule", usual_times=[f"{OMEPRAZOLE_TIME:%H:%M}"],
                                         started_on=date(2023, 5, 1))
    entries, doses, drinks, notes, marks, medicine_doses = [], [], [], [], [], []
    for days_ago in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=days_ago)
        meals = [("breakfast", chance.choice(BREAKFASTS)), ("lunch", chance.choice(LUNCHES)),
                 ("dinner", chance.choice(DINNERS))]
        if chance.random() < 0.6:
            meals.append(("snack", chance.choice(SNACKS)))
        for meal, items in meals:
            if not happened(day, MEAL_TIMES[meal]):
                continue
            for source_id, grams in items:
                if source_id in foods:
                    entry = MealEntry(user=user, date=day, meal=meal)
                    entry.set_food(foods[source_id], Decimal(grams))
                    entries.append(entry)
        if happened(day, OMEPRAZOLE_TIME):
            medicine_doses.append(MedicineDose(user=user, medicine=omeprazole, date=day,
                                               taken_at=datetime.combine(day, OMEPRAZOLE_TIME, tzinfo=zone)))
        if chance.random() < 0.85 and happened(day, DOSE_TIME):  # most days: two capsules with breakfast
            dose = SupplementDose(user=user, date=day, units=Decimal(2),
                                  taken_at=datetime.combine(day, DOSE_TIME, tzinfo=zone))
            dose.copy_product(glycinate)
            doses.append(dose)
        for _ in range(chance.randint(3, 6)):
            kind, ml = chance.choice([("water", 250), ("water", 500), ("tea", 250), ("coffee", 200)])
            drinks.append(Drink(user=user, date=day, kind=kind, ml=ml))
        if chance.random() < 0.8 and happened(day, NOTE_TIME):
            lying = chance.randint(60, 72)
            notes.append(SymptomNote(
                user=user, date=day, recorded_at=datetime.combine(day, NOTE_TIME, tzinfo=zone),
                dizziness=chance.randint(1, 6), fatigue=chance.randint(2, 7), anxiety=chance.randint(0, 4),
                heart_rate_lying=lying, heart_rate_standing=lying + chance.randint(22, 45),
                text=chance.choice(NOTES) if chance.random() < 0.25 else "",
            ))
        if days_ago:  # today is still being logged
            marks.append(DayMark(user=user, date=day, food_complete=True))
    for model, rows in ((MealEntry, entries), (SupplementDose, doses), (Drink, drinks), (SymptomNote, notes),
                        (DayMark, marks), (MedicineDose, medicine_doses)):
        model.objects.bulk_create(rows)
    # Serum magnesium at the start and, after weeks of the supplement, near the end; the range as a lab prints it.
    for days_ago, mmol in ((DAYS - 3, "0.74"), (10, "0.84")):
        LabResult.objects.create(user=user, analyte="serum_magnesium", taken_on=today - timedelta(days=days_ago),
                                 value=Decimal(mmol), unit="mmol/L", range_low=Decimal("0.70"),
                                 range_high=Decimal("1.00"), lab="Demo Pathology")
    return DAYS
