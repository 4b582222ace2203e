from django.shortcuts import render

from journal.insights import DEFAULT_PERIOD, PERIODS, insights_for
from journal.models import Profile


def insights(request):
    profile = Profile.for_user(request.user)
    days = int(request.GET["days"]) if request.GET.get("days") in {str(p) for p in PERIODS} else DEFAULT_PERIOD
    return render(request, "journal/insights.html", {
        "insights": insights_for(profile, profile.today(), days),
        "periods": [(period, period // 7) for period in PERIODS],
    })
