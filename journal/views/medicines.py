from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from journal.forms.medicines import MedicineDoseForm, MedicineForm, UsualDoseForm
from journal.medicines import medicine_notes, notes_for_dose, spacing_rows
from journal.models import Medicine, MedicineDose, Profile
from journal.views.day import posted_from_the_day_page
from journal.views.params import redirect_back, requested_day


def medicine_list(request):
    profile = Profile.for_user(request.user)
    medicines = list(Medicine.objects.filter(user=request.user))
    context = {
        "medicines": medicines,
        **medicine_notes(medicine for medicine in medicines if medicine.taken_on(profile.today())),
        "doses": MedicineDose.objects.filter(user=request.user).select_related("medicine", "user__profile")
        .order_by("-taken_at", "-pk")[:30],
        "spacing_rows": spacing_rows(),
    }
    return render(request, "journal/medicine_list.html", context)


def medicine_add(request):
    return medicine_form(request, Medicine(user=request.user))


def medicine_edit(request, pk):
    return medicine_form(request, get_object_or_404(Medicine, pk=pk, user=request.user))


def medicine_form(request, medicine):
    form = MedicineForm(request.POST or None, instance=medicine)
    if form.is_valid():
        medicine = form.save()
        messages.success(request, f"Saved {medicine}.")
        return redirect("journal:medicines")
    return render(request, "journal/medicine_form.html", {"form": form, "medicine": medicine})


@require_POST
def medicine_delete(request, pk):
    medicine = get_object_or_404(Medicine, pk=pk, user=request.user)
    medicine.delete()
    messages.success(request, f"Deleted {medicine} and the doses of it you logged.")
    return redirect("journal:medicines")


@require_POST
def usual_dose(request, day):
    """One tap of the day page: a medicine taken at one of its usual times."""
    return posted_from_the_day_page(request, UsualDoseForm(request.POST, user=request.user, day=day), day)


def medicine_dose_add(request):
    return medicine_dose_form(request, MedicineDose(), requested_day(request))


def medicine_dose_edit(request, pk):
    return medicine_dose_form(request, get_object_or_404(MedicineDose, pk=pk, user=request.user))


def medicine_dose_form(request, dose, day=None):
    profile = Profile.for_user(request.user)
    form = MedicineDoseForm(request.POST or None, instance=dose, profile=profile, day=day)
    if form.is_valid():
        dose = form.save()
        messages.success(request, f"Logged {dose.medicine} at {dose.taken_at.astimezone(profile.zone):%H:%M} "
                                  f"on {dose.date:%-d %b %Y}.")
        for note in notes_for_dose(profile, dose):
            messages.warning(request, note.text)
        return redirect_back(request, "journal:medicines")
    return render(request, "journal/medicine_dose_form.html", {"form": form, "dose": dose})


@require_POST
def medicine_dose_delete(request, pk):
    dose = get_object_or_404(MedicineDose, pk=pk, user=request.user)
    dose.delete()
    messages.success(request, f"Deleted the dose of {dose.medicine} on {dose.date:%-d %b %Y}.")
    return redirect_back(request, "journal:medicines")
