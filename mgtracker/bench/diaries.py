"""The people the bench times the pages for: five years of history, and one month.

Each lived day holds what issue 11 calls a typical diary: three meals of three foods, a dose of a supplement and a
symptom note. Today holds one small breakfast only, so the day page of today is below the goal and shows the
suggestions. Rows are written with bulk_create, their figures copied as the forms copy them (set_food,
copy_product), and rebuilt when the calendar has moved on since they were written.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from foods.models import Food
from journal.models import MealEntry, Profile, SupplementDose, SupplementProduct, SymptomNote

FIVE_YEARS = "bench-five-years"
ONE_MONTH = "bench-one-month"
DAYS = {FIVE_YEARS: 5 * 365 + 1, ONE_MONTH: 30}
MEALS = (MealEntry.Meal.BREAKFAST, MealEntry.Meal.LUNCH, MealEntry.Meal.DINNER)
FOODS_A_MEAL = 3
FOODS_TO_CHOOSE_FROM = 60
BATCH = 2000


def people():
    """{username: user}, written (or rewritten) so that each diary ends today."""
    users = {}
    for username, days in DAYS.items():
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not _ends_today(user):
            users[username] = _write(username, days)
        else:
            users[username] = user
    return users


def _ends_today(user):
    return MealEntry.objects.filter(user=user, date=Profile.for_user(user).today()).exists()


@transaction.atomic
def _write(username, days):
    get_user_model().objects.filter(username=username).delete()
    user = get_user_model().objects.create_user(username)
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = date(1990, 6, 1), "female"
    profile.save()
    product = SupplementProduct.objects.create(
        user=user, name="Magnesium glycinate", form="glycinate", label_compound_mg=Decimal(500)
    )
    foods = list(
        Food.objects.filter(owner=None, kind=Food.Kind.BASIC, magnesium_mg__gt=0).order_by("pk")[:FOODS_TO_CHOOSE_FROM]
    )
    choose = random.Random(username)
    today = profile.today()
    entries, doses, notes = [], [], []
    for day in (today - timedelta(days=back) for back in range(days, 0, -1)):
        for meal in MEALS:
            for food in choose.sample(foods, FOODS_A_MEAL):
                entries.append(_entry(user, day, meal, food, Decimal(choose.randrange(30, 200))))
        noon = datetime.combine(day, time(12), tzinfo=profile.zone)
        dose = SupplementDose(user=user, units=Decimal(1), taken_at=noon, date=day)
        dose.copy_product(product)
        doses.append(dose)
        notes.append(SymptomNote(
            user=user, recorded_at=noon, date=day, dizziness=choose.randrange(11), fatigue=choose.randrange(11),
            anxiety=choose.randrange(11), heart_rate_lying=70, heart_rate_standing=70 + choose.randrange(45),
            text="Stood up too fast after lunch.",
        ))
    entries.append(_entry(user, today, MealEntry.Meal.BREAKFAST, foods[0], Decimal(10)))  # below the goal
    for model, rows in ((MealEntry, entries), (SupplementDose, doses), (SymptomNote, notes)):
        model.objects.bulk_create(rows, batch_size=BATCH)
    return user


def _entry(user, day, meal, food, grams):
    entry = MealEntry(user=user, date=day, meal=meal)
    entry.set_food(food, grams)
    return entry
