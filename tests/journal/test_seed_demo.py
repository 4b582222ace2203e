"""seed_demo: a demo account with eight weeks of a plausible diary built from the real food table, on a development
site only."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from journal.ledger import days_of
from journal.models import Drink, LabResult, MealEntry, MedicineDose, Profile, SupplementDose, SymptomNote


@pytest.fixture
def food_table(db):
    call_command("load_foods", stdout=StringIO())


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_it_fills_eight_weeks_with_plausible_days_and_prints_how_to_log_in(food_table, settings, frozen_now):
    settings.DEBUG = True
    output = seed()
    assert "Demo account: demo / demo-magnesium" in output
    demo = get_user_model().objects.get(username="demo")
    assert demo.check_password("demo-magnesium")
    profile = Profile.for_user(demo)
    today = profile.today()  # Saturday 28 November 2026 in London
    days = days_of(profile, today - timedelta(days=55), today)
    assert MealEntry.objects.filter(user=demo).dates("date", "day").count() == 56
    assert not MealEntry.objects.filter(user=demo, date__lt=today - timedelta(days=55)).exists()
    # Every day: three meals of everyday foods, with a magnesium figure for each, and from 0 or 141 mg of supplement
    # (2 capsules x 70.50 mg): between 150 mg and 700 mg in all, around the 320 mg RDA of a woman of 32.
    totals = [day.magnesium.total for day in days[:-1]]  # today is still being logged
    assert all(150 <= total <= 700 for total in totals), totals
    assert not any(day.magnesium.lower_bound for day in days)
    assert 40 <= sum(day.supplement_mg == 141 for day in days) < 56  # most days, not all
    assert all(day.supplement_mg in (0, 141) for day in days)
    assert SupplementDose.objects.filter(user=demo).values("product_name").distinct().count() == 1
    assert 40 <= SymptomNote.objects.filter(user=demo).count() < 56
    # Today at noon in London holds only what has happened: breakfast, the 07:30 omeprazole and the 08:30 dose if
    # any; no lunch (13:00), snack (16:00), dinner (19:00) or evening note (20:00) yet.
    assert set(MealEntry.objects.filter(user=demo, date=today).values_list("meal", flat=True)) == {"breakfast"}
    assert not SymptomNote.objects.filter(user=demo, date=today).exists()
    assert not MedicineDose.objects.filter(user=demo, taken_at__gt=frozen_now).exists()
    assert not SupplementDose.objects.filter(user=demo, taken_at__gt=frozen_now).exists()
    assert MedicineDose.objects.filter(user=demo).count() == 56  # omeprazole every morning, today's included
    assert [(lab.taken_on, lab.value) for lab in LabResult.objects.filter(user=demo).order_by("taken_on")] == [
        (today - timedelta(days=53), Decimal("0.740")), (today - timedelta(days=10), Decimal("0.840"))]
    fluid = [day.fluid.total for day in days]
    assert all(600 <= ml for ml in fluid), fluid  # 3 to 6 drinks a day, and the water of the food


def test_running_it_again_makes_the_same_diary_afresh(food_table, settings, frozen_now):
    settings.DEBUG = True
    seed()
    first = sorted(MealEntry.objects.values_list("date", "meal", "food_name", "magnesium_mg"))
    drinks = Drink.objects.count()
    seed()
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert sorted(MealEntry.objects.values_list("date", "meal", "food_name", "magnesium_mg")) == first
    assert Drink.objects.count() == drinks


def test_it_refuses_when_debug_is_off_and_changes_nothing(db, settings, user):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only with DEBUG on"):
        seed()
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["alice"]
