from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from journal import labs
from journal.forms.labs import LabResultForm
from journal.lab_history import charts_of, with_intake_before
from journal.models import LabResult, Profile


def lab_list(request):
    profile = Profile.for_user(request.user)
    rows = with_intake_before(profile, LabResult.objects.of(request.user))
    charts = charts_of(rows)
    return render(request, "journal/lab_list.html", {
        "rows": rows, "charts": charts, "chart_data": [chart.data for chart in charts], "labs": labs,
    })


def lab_add(request):
    return _lab_form(request, LabResult())


def lab_edit(request, pk):
    return _lab_form(request, get_object_or_404(LabResult, pk=pk, user=request.user))


def _lab_form(request, result):
    form = LabResultForm(request.POST or None, instance=result, profile=Profile.for_user(request.user))
    if form.is_valid():
        result = form.save()
        messages.success(request, f"Saved your {result.facts.in_a_sentence} result of "
                                  f"{result.taken_on:%d %b %Y}.")
        return redirect("journal:labs")
    return render(request, "journal/lab_form.html", {"form": form, "result": result})


@require_POST
def lab_delete(request, pk):
    result = get_object_or_404(LabResult, pk=pk, user=request.user)
    result.delete()
    messages.success(request, f"Deleted the {result.facts.in_a_sentence} result of "
                              f"{result.taken_on:%d %b %Y}.")
    return redirect("journal:labs")
