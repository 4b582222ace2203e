from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from journal.forms.meals import SavedMealForm, SavedMealLogForm
from journal.models import MealEntry, SavedMeal
from journal.views.meals import get_meal_or_404


def _own_saved_meal(request, pk):
    return get_object_or_404(SavedMeal, pk=pk, user=request.user)


def saved_meal_list(request):
    saved_meals = request.user.saved_meals.prefetch_related("items__food", "items__portion")
    return render(request, "journal/saved_meal_list.html", {"saved_meals": saved_meals})


def saved_meal_create(request, day, meal):
    """Save what was logged for one meal of one day under a name."""
    meal = get_meal_or_404(meal)
    entries = MealEntry.objects.for_day(request.user, day).filter(meal=meal)
    form = SavedMealForm(request.POST or None, user=request.user, entries=entries)
    if form.is_valid() and (saved_meal := form.save()):
        messages.success(request, f'Saved "{saved_meal}" with {saved_meal.items.count()} foods.')
        return redirect("journal:saved_meal_list")
    context = {"form": form, "day": day, "meal": meal, "entries": entries}
    return render(request, "journal/saved_meal_form.html", context)


def saved_meal_log(request, pk):
    saved_meal = _own_saved_meal(request, pk)
    form = SavedMealLogForm(request.POST or None, user=request.user, saved_meal=saved_meal)
    if form.is_valid():
        day, meal = form.cleaned_data["date"], form.cleaned_data["meal"]
        entries = saved_meal.log_to(day, meal)
        messages.success(request, f'Logged "{saved_meal}" ({len(entries)} foods).')
        return redirect("journal:day", day=day)
    return render(request, "journal/saved_meal_log.html", {"form": form, "saved_meal": saved_meal})


def saved_meal_delete(request, pk):
    saved_meal = _own_saved_meal(request, pk)
    if request.method == "POST":
        saved_meal.delete()
        messages.success(request, f'Deleted the saved meal "{saved_meal}".')
        return redirect("journal:saved_meal_list")
    context = {"thing": f'the saved meal "{saved_meal}"', "cancel_url": reverse("journal:saved_meal_list")}
    return render(request, "journal/meal_confirm_delete.html", context)
