from functools import cache

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from foods import search as food_search
from foods.forms import CustomFoodForm
from foods.labels import DailyValueGoal, PortionFigures, grouped_by_category
from foods.models import Food, Portion

MAX_QUERY_LENGTH = 100
RICH_FOODS_SHOWN = 40


def goal_of(user):
    """The goal this user's portions are measured against: their own (the journal's), else the Daily Value.

    The goal belongs to the journal, which builds on foods; foods must not import it back. The project package, where
    the two apps meet, names the journal's callable in settings.FOOD_PAGE_GOAL.
    """
    path = getattr(settings, "FOOD_PAGE_GOAL", None)
    return _imported(path)(user) if path else DailyValueGoal()


@cache
def _imported(path):
    return import_string(path)


def food_list(request):
    return render(request, "foods/food_list.html", {"custom_count": request.user.custom_foods.count()})


def search(request):
    """Search results as a page, or as JSON for the type-ahead (Accept: application/json or ?format=json).

    JSON: {"results": [...]}, best first, at most 20, each as foods.search.results
    makes it; figures are decimal strings ("592", "28.35") so no float rounding
    creeps in, and null when USDA has no figure. `matched_name` is the other name that found
    the food ("capsicum" for "Peppers, sweet, red, raw"), else "".
    """
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"results": food_search.results(query, request.user)})
    return render(request, "foods/search.html", {"query": query, "foods": food_search.search(query, request.user)})


def food_detail(request, pk):
    food = get_object_or_404(Food.objects.visible_to(request.user).prefetch_related("portions"), pk=pk)
    goal = goal_of(request.user)
    portions = [PortionFigures.of(portion, goal.mg) for portion in food.portions.all()]
    context = {"food": food, "goal": goal, "portions": portions, "other_names": food_search.other_names_of(food),
               "per_100_g": food.figures_per_100_g()}
    return render(request, "foods/food_detail.html", context)


def magnesium_rich(request):
    goal = goal_of(request.user)
    portions = Portion.objects.magnesium_rich(RICH_FOODS_SHOWN)
    groups = grouped_by_category(PortionFigures.of(portion, goal.mg) for portion in portions)
    return render(request, "foods/magnesium_rich.html", {"groups": groups, "goal": goal, "shown": RICH_FOODS_SHOWN})


def custom_list(request):
    foods = request.user.custom_foods.prefetch_related("portions")
    return render(request, "foods/custom_list.html", {"foods": foods})


def custom_add(request):
    form = _custom_food_form(request)
    if form.is_bound and form.is_valid():
        return _saved(request, form, form.save())
    return render(request, "foods/custom_form.html", {"form": form})


def custom_edit(request, pk):
    food = get_object_or_404(Food.objects.prefetch_related("portions"), pk=pk, owner=request.user)
    form = _custom_food_form(request, food)
    if form.is_bound and form.is_valid():
        return _saved(request, form, form.save())
    return render(request, "foods/custom_form.html", {"form": form, "food": food})


def _custom_food_form(request, food=None):
    """The form as posted; or, when the person asked for similar USDA foods, what they typed so far, unchecked."""
    if "suggest" in request.POST:
        return CustomFoodForm(owner=request.user, food=food, initial=CustomFoodForm.typed_so_far(request.POST))
    return CustomFoodForm(request.POST or None, owner=request.user, food=food)


def _saved(request, form, food):
    messages.success(request, f"Saved {food.name}.")
    for line in form.working:
        messages.info(request, line)
    return redirect(food)


@require_POST
def custom_delete(request, pk):
    food = get_object_or_404(Food, pk=pk, owner=request.user)
    food.delete()
    messages.success(request, f"Deleted {food.name}. Meals you logged with it keep their figures.")
    return redirect("foods:custom_list")
