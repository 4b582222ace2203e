from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from journal.forms.drinks import DrinkForm
from journal.models import Drink
from journal.views.day import posted_from_the_day_page


@require_POST
def drink_add(request, day):
    """A glass, a bottle or any amount, from the day page; a refused amount comes back as a message."""
    return posted_from_the_day_page(request, DrinkForm(request.POST, user=request.user, day=day), day)


@require_POST
def drink_delete(request, pk):
    drink = get_object_or_404(Drink, pk=pk, user=request.user)
    drink.delete()
    messages.success(request, f"Removed {drink.ml:,} ml of {drink.get_kind_display().lower()}.")
    return redirect("journal:day", day=drink.date)
