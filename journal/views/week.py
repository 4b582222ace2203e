from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import render

from journal.models import EARLIEST_DATE, Profile
from journal.summaries import WeekSummary, chart_data, summarize

# The last week is the last whole one the calendar can hold.
LAST_MONDAY = date.max - timedelta(days=date.max.weekday() + 7)


def week(request, start=None):
    profile = Profile.for_user(request.user)
    anchor = start or profile.today()
    monday = anchor - timedelta(days=anchor.weekday())
    if not EARLIEST_DATE <= monday <= LAST_MONDAY:
        raise Http404("No diary week there.")
    days = summarize(request.user, profile, monday, monday + timedelta(days=6))
    return render(request, "journal/week.html", {
        "days": days,
        "week": WeekSummary(days),
        "monday": monday,
        "previous_week": monday - timedelta(days=7) if monday > EARLIEST_DATE else None,
        "next_week": monday + timedelta(days=7) if monday < LAST_MONDAY else None,
        "is_current_week": monday <= profile.today() < monday + timedelta(days=7),
        "goal": profile.goal(anchor),
        "chart": chart_data(days),
    })

