from django.shortcuts import redirect


def meal_add(request):
    # Placeholder so other pages can link here; the meals work replaces it.
    return redirect("journal:today")
