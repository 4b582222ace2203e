from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from journal.forms.marks import DayMarksForm
from journal.forms.meals import meal_at_hour
from journal.ledger import day_of, figure_notes
from journal.medicines import SOURCE, SOURCE_URL, timing_notes, usual_taps
from journal.models import (
    DRINKS_OF_DAY,
    MEALS_OF_DAY,
    MEDICINE_DOSES_OF_DAY,
    MEDICINES_TAKEN_ON,
    STAND_TESTS_OF_DAY,
    SYMPTOM_NOTES_OF_DAY,
    Drink,
    MealEntry,
    Profile,
    by_meal,
    doses_in_days_up_to,
    given_their_user,
    usual_doses,
)
from journal.one_tap import dose_taps, food_taps
from journal.suggestions import gap_closers
from journal.views.params import requested_day

# "Take your usual dose" offers each product taken in this many days.
USUAL_DOSE_DAYS = 7


def today(request):
    """Today's page; with ?date= (the date picker of a day page), that day's."""
    if (picked := requested_day(request)) is not None:
        return redirect("journal:day", day=picked)
    profile = Profile.for_user(request.user)
    return _day_page(request, profile, profile.today())


def day(request, day):
    return _day_page(request, Profile.for_user(request.user), day)


def _day_page(request, profile, day):
    user, is_today = request.user, day == profile.today()
    figures = day_of(profile, day)
    wants_suggestions = is_today and figures.remaining_mg
    of_the_day = {"user": user.pk, "day": day}
    medicine_doses = given_their_user(user, MEDICINE_DOSES_OF_DAY.objects(**of_the_day))
    meals = by_meal(MEALS_OF_DAY.objects(**of_the_day))
    # On Today one read serves the day's doses and the products taken lately, so the usual doses cost no query of
    # their own; another day offers no usual doses, so it reads its own doses only.
    recent_doses = doses_in_days_up_to(user, day, USUAL_DOSE_DAYS if is_today else 1)
    meal_now = meal_at_hour(profile.now().hour)
    # Today offers its recent foods in one tap, so that one can be logged while offline (docs/offline-queue.md).
    recent_food_taps = food_taps(MealEntry.objects.recent_picks(user, day), day, meal_now) if is_today else []
    return render(request, "journal/day.html", {
        "day": day, "is_today": is_today, "figures": figures, "meals": meals,
        "figure_notes": figure_notes(entry for _, entries in meals for entry in entries),
        "suggestions": gap_closers(figures.remaining_mg, profile.age(day)) if wants_suggestions else [],
        "previous_day": _shifted(day, -1), "next_day": _shifted(day, 1),
        "recent_food_taps": recent_food_taps, "meal_now": meal_now,
        # The supplement and symptom sections (templates/journal/includes/) read these.
        "doses": [dose for dose in recent_doses if dose.date == day], "limit": figures.supplement_limit,
        "usual_dose_taps": dose_taps(usual_doses(recent_doses), day) if is_today else [],
        "symptom_notes": given_their_user(user, SYMPTOM_NOTES_OF_DAY.objects(**of_the_day)),
        "symptom_summary": figures.scores,
        "stand_tests": STAND_TESTS_OF_DAY.objects(**of_the_day),
        "drinks": DRINKS_OF_DAY.objects(**of_the_day), "glass_ml": Drink.GLASS_ML, "bottle_ml": Drink.BOTTLE_ML,
        "drink_kinds": Drink.Kind.choices,
        # The medicines section: one-tap buttons for the usual times, and notes on magnesium taken too close.
        "medicine_doses": medicine_doses,
        "usual_taps": usual_taps(MEDICINES_TAKEN_ON.objects(**of_the_day), medicine_doses, profile.zone),
        "timing_notes": timing_notes(profile, day, day), "source": SOURCE, "source_url": SOURCE_URL,
        "profile": profile,
    })


@require_POST
def day_marks(request, day):
    """Mark the day's food log complete, or the day as one without supplements (or take either mark back)."""
    return posted_from_the_day_page(request, DayMarksForm(request.POST, user=request.user, day=day), day)


def posted_from_the_day_page(request, form, day):
    """A one-tap form of the day page: saved with a message, or each refusal as a message; back to the day either way,
    since the page the person tapped on is where they read the result."""
    if form.is_valid():
        form.save()
        messages.success(request, form.saved_message())
        for warning in form.warnings():
            messages.warning(request, warning)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("journal:day", day=day)


def _shifted(day, days):
    try:
        return day + timedelta(days=days)
    except OverflowError:  # /day/0001-01-01/ has no day before it
        return None
