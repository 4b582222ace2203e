from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from journal.forms.stand import StandTestForm
from journal.models import Profile, StandTest
from journal.stand import chart_of, rises_of
from journal.views.params import requested_day


def _owned_test(request, pk):
    return get_object_or_404(StandTest.objects.with_readings(), pk=pk, user=request.user)


def stand_list(request):
    return render(request, "journal/stand_list.html", {"rises": rises_of(Profile.for_user(request.user))})


def stand_guided(request):
    """The test step by step on a phone; it posts the plain form's fields to stand_add."""
    form = StandTestForm(instance=StandTest(), profile=Profile.for_user(request.user), day=requested_day(request))
    return render(request, "journal/stand_guided.html", {
        "form": form, "minute_ms": settings.STAND_TEST_MINUTE_MS,
    })


def stand_add(request):
    return _stand_form(request, StandTest(), requested_day(request))


def stand_edit(request, pk):
    return _stand_form(request, _owned_test(request, pk))


def _stand_form(request, test, day=None):
    form = StandTestForm(request.POST or None, instance=test, profile=Profile.for_user(request.user), day=day)
    if form.is_valid():
        test = form.save()
        messages.success(request, f"Saved your stand test of {test.date:%d %b %Y}.")
        return redirect("journal:stand_detail", pk=test.pk)
    return render(request, "journal/stand_form.html", {"form": form, "test": test})


def stand_detail(request, pk):
    test = _owned_test(request, pk)
    return render(request, "journal/stand_detail.html", {
        "test": test, "results": test.results, "chart": chart_of(test),
    })


@require_POST
def stand_delete(request, pk):
    test = _owned_test(request, pk)
    test.delete()
    messages.success(request, f"Deleted the stand test of {test.date:%d %b %Y}.")
    return redirect("journal:stand_list")
