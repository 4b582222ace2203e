from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import redirect, render

from journal.ledger import SUMMARY_SCORES, Period, days_of, explained, figure_notes_of
from journal.models import EARLIEST_DATE, Profile
from journal.views.params import requested_day

# The last week is the last whole one the calendar can hold.
LAST_MONDAY = date.max - timedelta(days=date.max.weekday() + 7)


def week(request, start=None):
    if start is None and (picked := requested_day(request)) is not None:  # the date picker: that day's week
        return redirect("journal:week_of", start=picked - timedelta(days=picked.weekday()))
    profile = Profile.for_user(request.user)
    anchor = start or profile.today()
    monday = anchor - timedelta(days=anchor.weekday())
    if not EARLIEST_DATE <= monday <= LAST_MONDAY:
        raise Http404("No diary week there.")
    sunday = monday + timedelta(days=6)
    week = Period(days_of(profile, monday, sunday))
    return render(request, "journal/week.html", {
        "week": week,
        "explained": explained(week.days, figure_notes_of(profile, week.days)),
        "monday": monday,
        "previous_week": monday - timedelta(days=7) if monday > EARLIEST_DATE else None,
        "next_week": monday + timedelta(days=7) if monday < LAST_MONDAY else None,
        "is_current_week": monday <= profile.today() <= sunday,
        "chart": week_chart(week.days),
    })


def week_chart(days):
    """Plain numbers for static/js/week.js; the table in the page carries the same figures. A day with no figure
    is a gap (null), not a 0 mg bar."""

    def number(value):
        return None if value is None else float(value)

    return {
        "labels": [day.day.strftime("%a %-d %b") for day in days],
        "food_mg": [number(day.food_magnesium.total) for day in days],
        "supplement_mg": [number(day.recorded_supplement_mg) for day in days],
        "goal_mg": [day.goal.mg for day in days],
        **{name: [number(day.mean_score(name)) for day in days] for name in SUMMARY_SCORES},
        # The electrolyte panel, food and products together; fluid in litres so one axis holds it beside grams.
        "sodium_g": [number(None if day.sodium.total is None else day.sodium.total / 1000) for day in days],
        "potassium_g": [number(None if day.potassium.total is None else day.potassium.total / 1000) for day in days],
        "fluid_l": [number(None if day.fluid.total is None else day.fluid.total / 1000) for day in days],
        # From the stand tests and the symptom notes: drawn on its own axis beside the 0-10 scores.
        "hr_rise_bpm": [number(day.hr_rise_bpm_max) for day in days],
    }
