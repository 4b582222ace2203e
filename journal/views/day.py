from datetime import timedelta

from django.shortcuts import render

from journal.models import MealEntry, Profile, SupplementDose, SymptomNote
from journal.suggestions import gap_closers
from journal.totals import DayTotals


def today(request):
    profile = Profile.for_user(request.user)
    return _day_page(request, profile, profile.today())


def day(request, day):
    return _day_page(request, Profile.for_user(request.user), day)


def _day_page(request, profile, day):
    user, is_today = request.user, day == profile.today()
    entries = MealEntry.objects.for_day(user, day)
    doses = SupplementDose.objects.for_day(user, day)
    symptom_notes = SymptomNote.objects.for_day(user, day)
    totals = DayTotals.of(entries, doses.against_upper_limit(profile, day), profile.goal(day))
    return render(request, "journal/day.html", {
        "day": day, "is_today": is_today, "meals": entries.by_meal(), "totals": totals,
        "suggestions": (
            gap_closers(totals.remaining_mg, profile.age(day)) if is_today and not totals.goal_reached else []
        ),
        "previous_day": _shifted(day, -1), "next_day": _shifted(day, 1),
        # The supplement and symptom sections (templates/journal/includes/) read these.
        "doses": doses, "limit": totals.supplements,
        "symptom_notes": symptom_notes, "symptom_summary": symptom_notes.summary(),
    })


def _shifted(day, days):
    try:
        return day + timedelta(days=days)
    except OverflowError:  # /day/0001-01-01/ has no day before it
        return None
