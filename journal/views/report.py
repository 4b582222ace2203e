from django.shortcuts import render
from django.utils import timezone

from journal.forms.export import DateRangeForm
from journal.models import Profile
from journal.report import report_for


def doctor_report(request):
    profile = Profile.for_user(request.user)
    form = DateRangeForm(request.GET or None, today=profile.today())
    period = form.period()
    return render(request, "journal/report.html", {
        "form": form,
        "profile": profile,
        "report": report_for(profile, *period) if period else None,
        "goal": profile.goal(),
        "upper_limit_mg": profile.supplement_upper_limit_mg(),
        "reference": profile.reference(),
        "generated_at": timezone.localtime(timezone.now(), profile.zone),
    })
