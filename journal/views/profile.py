from django.contrib import messages
from django.shortcuts import redirect, render

from foods.labels import DAILY_VALUE_MG
from journal.forms.profile import FirstRunForm, ProfileForm
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


def profile_start(request):
    """The step after sign-up: what the goal and the days need, then Today. Also where Today sends a person whose
    profile lacks them."""
    profile = Profile.for_user(request.user)
    form = FirstRunForm(request.POST or None, instance=profile)
    if form.is_valid():
        goal = form.save().goal()
        messages.success(request, f"Profile saved. Your daily goal: {goal.mg} mg, the {goal.label}.")
        return redirect("journal:today")
    context = {"form": form, "dri_source": DRI_SOURCE, "daily_value_mg": DAILY_VALUE_MG}
    return render(request, "journal/profile_start.html", context)
