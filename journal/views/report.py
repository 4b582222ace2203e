import json

from django.http import HttpResponse
from django.shortcuts import render

from journal import fhir
from journal.forms.export import DateRangeForm
from journal.models import Profile
from journal.report import report_context


def doctor_report(request):
    profile = Profile.for_user(request.user)
    form = DateRangeForm(request.GET or None, today=profile.today())
    period = form.period()
    context = report_context(request.user, profile, *period) if period else {"report": None}
    return render(request, "journal/report.html", {"form": form, **context})


def report_fhir(request):
    """The report's period as a FHIR R4 Bundle; a bad period gets the report page with the form's message."""
    profile = Profile.for_user(request.user)
    form = DateRangeForm(request.GET or None, today=profile.today())
    period = form.period()
    if period is None:
        return render(request, "journal/report.html", {"form": form, "report": None})
    return fhir_download(request.user, profile, *period)


def fhir_download(user, profile, first, last):
    response = HttpResponse(
        json.dumps(fhir.bundle_for(user, profile, first, last), indent=1), content_type="application/fhir+json"
    )
    response["Content-Disposition"] = f'attachment; filename="{fhir.filename(first, last)}"'
    return response
