from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404
from django.shortcuts import render

from journal.models import Profile
from journal.summaries import summarize

# The diary holds days from 1900 (a Monday) on; the last week is the last whole one the calendar can hold.
FIRST_MONDAY = date(1900, 1, 1)
LAST_MONDAY = date.max - timedelta(days=date.max.weekday() + 7)


def week(request, start=None):
    profile = Profile.for_user(request.user)
    anchor = start or profile.today()
    monday = anchor - timedelta(days=anchor.weekday())
    if not FIRST_MONDAY <= monday <= LAST_MONDAY:
        raise Http404("No diary week there.")
    days = summarize(request.user, profile, monday, monday + timedelta(days=6))
    return render(request, "journal/week.html", {
        "days": days,
        "monday": monday,
        "previous_week": monday - timedelta(days=7) if monday > FIRST_MONDAY else None,
        "next_week": monday + timedelta(days=7) if monday < LAST_MONDAY else None,
        "is_current_week": monday <= profile.today() < monday + timedelta(days=7),
        "goal": profile.goal(anchor),
        "chart": chart_data(days),
    })


def chart_data(days):
    """Plain numbers for static/js/week.js; the table in the page carries the same figures."""

    def number(value):
        return None if value is None else float(Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP))

    return {
        "labels": [day.day.strftime("%a %-d %b") for day in days],
        "food_mg": [number(day.food_mg) for day in days],
        "supplement_mg": [number(day.supplement_mg) for day in days],
        "goal_mg": [day.goal_mg for day in days],
        "dizziness": [number(day.dizziness) for day in days],
        "fatigue": [number(day.fatigue) for day in days],
        "anxiety": [number(day.anxiety) for day in days],
    }
