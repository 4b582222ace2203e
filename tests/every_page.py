"""Every page a logged-in user can open, with a diary holding one of everything, read from the URL resolver.

A page added later fails the tests below until it is given a sample here, so none is left out.
"""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.urls import URLPattern, URLResolver, get_resolver

from foods.models import Food, Portion
from journal.models import Drink, MealEntry, Profile, SavedMeal, ShareLink
from tests.builders import (
    add_lab_result,
    log_dose,
    log_medicine_dose,
    make_medicine,
    make_product,
    run_stand_test,
    write_note,
)

# Not pages: file downloads, the service worker's script, a POST-only action, the admin (staff only) and the
# e-mailed reset link.
NOT_PAGES = (
    "/export/", "/report/fhir/", "/shared/<str:token>/fhir/", "/profile/data/backup/", "/service-worker.js",
    "/accounts/logout/", "/admin/", "/accounts/reset/<",
)


def diary_of(user):
    """One of everything a user can own, and the sample for each kind of URL argument."""
    today = Profile.for_user(user).today()
    seeds = Food.objects.create(
        name="Seeds, pumpkin and squash seed kernels, dried", source="sr28", source_id="12014",
        magnesium_mg=592, potassium_mg=809, sodium_mg=7, calcium_mg=46, energy_kcal=559,
    )
    cup = Portion.objects.create(food=seeds, description="1 cup", grams=129, position=0)
    granola = Food(name="Alice's granola", source="custom", owner=user, sodium_mg=150)
    granola.estimate_from(seeds, ["magnesium_mg"])  # its label gives no magnesium: pages name the estimate
    granola.save()
    entries = []
    for days_ago in range(3):
        entry = MealEntry(user=user, date=today - timedelta(days=days_ago), meal="breakfast")
        entry.set_food(seeds, Decimal("64.5"), cup, Decimal("0.5"))
        entry.save()
        entries.append(entry)
    granola_entry = MealEntry(user=user, date=today, meal="snack")
    granola_entry.set_food(granola, Decimal(45))
    granola_entry.save()
    product = make_product(user)
    now = datetime.now(UTC)
    dose = log_dose(user, product=product, taken_at=now)
    note = write_note(user, recorded_at=now, heart_rate_lying=62, heart_rate_standing=101)
    saved_meal = SavedMeal.create_from(user, "usual breakfast", entries[:1])
    share_link, token = ShareLink.make(user, today - timedelta(days=27), today, 30, "For Dr Rivera")
    stand_test = run_stand_test(user, started_at=now, supine=[(70, 120, 80), 72], standing=[95, 99, (101, 104, 72)],
                                stopped_early="unwell")
    drink = Drink.objects.create(user=user, date=today, ml=250)
    lab_result = add_lab_result(user, "serum_magnesium", "0.78", "mmol/L", today, low="0.70", high="1.00")
    medicine = make_medicine(user, usual_times=["08:00"], started_on=today - timedelta(days=30))
    medicine_dose = log_medicine_dose(user, medicine, taken_at=now)
    return {
        "day": today.isoformat(), "start": (today - timedelta(days=today.weekday())).isoformat(), "meal": "breakfast",
        "foods/<int:pk>": seeds.pk, "foods/mine/<int:pk>": granola.pk, "meals/<int:pk>": entries[0].pk,
        "supplements/products/<int:pk>": product.pk, "supplements/doses/<int:pk>": dose.pk,
        "symptoms/<int:pk>": note.pk, "saved-meals/<int:pk>": saved_meal.pk,
        "share/<int:pk>": share_link.pk, "token": token,
        "stand/<int:pk>": stand_test.pk,
        "drinks/<int:pk>": drink.pk,
        "labs/<int:pk>": lab_result.pk,
        "medicines/<int:pk>": medicine.pk, "medicines/doses/<int:pk>": medicine_dose.pk,
    }


def routes(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route


def every_page(samples):
    """The URL of every page, arguments filled in from the samples; a route without a sample is an error."""
    urls = set()
    for route in routes():
        if route.startswith(NOT_PAGES):
            continue

        def sample(match, route=route):
            name = match.group(1)
            key = name if name in samples else route[1 : match.end()].removesuffix("/")
            return str(samples[key])  # a KeyError names a page that needs a sample in diary_of()

        urls.add(re.sub(r"<(?:\w+:)?(\w+)>", sample, route))
    return sorted(urls)
