from django.shortcuts import get_object_or_404, render

from foods.models import Food


def food_list(request):
    return render(request, "foods/food_list.html")


def food_detail(request, pk):
    # Placeholder so other pages can link here; the food pages work replaces it.
    food = get_object_or_404(Food, pk=pk)
    return render(request, "foods/food_list.html", {"food": food})
