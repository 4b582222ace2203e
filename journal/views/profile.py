from django.contrib import messages
from django.shortcuts import redirect, render

from journal.forms.profile import ProfileForm
from journal.medicines import medicine_notes
from journal.models import Medicine, Profile
from journal.reference import DRI_SOURCE


def profile(request):
    profile = Profile.for_user(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("journal:profile")
    if form.is_bound:
        profile.refresh_from_db()  # the refused input changed the instance in memory; show what is saved
    context = {
        "form": form,
        "reference": profile.reference(),
        "goal": profile.goal(),
        "upper_limit_mg": profile.supplement_upper_limit_mg(),
        "dri_source": DRI_SOURCE,
        **medicine_notes(Medicine.objects.taken_on(request.user, profile.today())),
    }
    return render(request, "journal/profile.html", context)

