from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from journal.forms.meals import CopyEntriesForm, MealEntryForm, NewMealEntryForm, meal_at_hour
from journal.models import MealEntry, Profile
from journal.one_tap import food_taps, saved_meal_taps


def _own_entry(request, pk):
    return get_object_or_404(MealEntry, pk=pk, user=request.user)


def meal_add(request):
    profile = Profile.for_user(request.user)
    initial = {"date": profile.today(), "meal": meal_at_hour(profile.now().hour), **request.GET.dict()}
    form = NewMealEntryForm(request.POST or None, initial=initial, user=request.user)
    if form.is_valid():
        entry = form.save()
        messages.success(request, f"Logged {entry.food_name}, {entry.amount_text}.")
        return redirect("journal:day", day=entry.date)
    recent, frequent = MealEntry.objects.quick_picks(request.user, profile.today())
    day, meal = form["date"].value(), form["meal"].value()  # where one tap logs: the day and meal of the form
    context = {
        "form": form, "recent": recent, "frequent": frequent,
        "recent_taps": food_taps(recent, day, meal), "frequent_taps": food_taps(frequent, day, meal),
        "saved_meal_taps": saved_meal_taps(request.user.saved_meals.all(), day, meal),
    }
    return render(request, "journal/meal_form.html", context)


def meal_edit(request, pk):
    entry = _own_entry(request, pk)
    form = MealEntryForm(request.POST or None, instance=entry, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, f"Changed {entry.food_name} to {entry.amount_text}.")
        return redirect("journal:day", day=entry.date)
    return render(request, "journal/meal_form.html", {"form": form, "entry": entry})


def meal_delete(request, pk):
    entry = _own_entry(request, pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, f"Deleted {entry.food_name} from {entry.get_meal_display().lower()}.")
        return redirect("journal:day", day=entry.date)
    cancel_url = reverse("journal:day", args=[entry.date])
    context = {"thing": f"{entry.food_name}, {entry.amount_text}", "cancel_url": cancel_url}
    return render(request, "journal/meal_confirm_delete.html", context)


@require_POST
def meal_again(request, pk):
    today = Profile.for_user(request.user).today()
    entry = _own_entry(request, pk).copied_to(today)
    entry.save()
    messages.success(request, f"Logged {entry.food_name} again today, {entry.amount_text}.")
    return redirect("journal:day", day=today)


def meal_copy(request, day, meal=None):
    """Copy a day's meal (or the whole day) to another day, nutrients as they were logged."""
    entries = MealEntry.objects.for_day(request.user, day)
    if meal is not None:
        meal = get_meal_or_404(meal)
        entries = entries.filter(meal=meal)
    form = CopyEntriesForm(request.POST or None, user=request.user, entries=entries, source_day=day)
    if form.is_valid():
        copies = entries.copy_to(form.cleaned_data["date"])
        messages.success(request, f"Copied {len(copies)} foods.")
        return redirect("journal:day", day=form.cleaned_data["date"])
    context = {"form": form, "day": day, "meal": meal, "entries": entries}
    return render(request, "journal/meal_copy.html", context)


def get_meal_or_404(meal):
    if meal not in MealEntry.Meal.values:
        raise Http404("No such meal.")
    return MealEntry.Meal(meal)
