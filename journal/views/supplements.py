from copy import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from foods.figures import plain, show
from journal.forms.supplements import DoseForm, ProductForm, UsualDoseForm, dose_warnings
from journal.ledger import day_of
from journal.models import Profile, SupplementDose, SupplementProduct
from journal.views.day import posted_from_the_day_page
from journal.views.params import redirect_back, requested_day


def supplement_list(request):
    profile = Profile.for_user(request.user)
    context = {
        "products": SupplementProduct.objects.filter(user=request.user),
        "doses": SupplementDose.objects.recent(request.user),
        "limit": day_of(profile, profile.today()).supplement_limit,
        "profile": profile,
    }
    return render(request, "journal/supplement_list.html", context)


def product_add(request):
    return product_form(request, SupplementProduct(user=request.user))


def product_edit(request, pk):
    return product_form(request, get_object_or_404(SupplementProduct, pk=pk, user=request.user))


def product_form(request, product):
    stored = copy(product)  # the form writes what was posted onto `product`, saved or not
    form = ProductForm(request.POST or None, instance=product)
    if form.is_valid():
        product = form.save()
        messages.success(request, f"Saved {product}: {plain(product.elemental_mg_per_unit)} mg elemental magnesium "
                                  f"per {product.unit_name}, {product.elemental_working}.")
        # Added from the dose form: back to it, on the same day, with this product chosen.
        return redirect_back(request, "journal:supplements", product=product.pk)
    context = {"form": form, "product": stored, "profile": Profile.for_user(request.user)}
    return render(request, "journal/supplement_product_form.html", context)


@require_POST
def product_delete(request, pk):
    product = get_object_or_404(SupplementProduct, pk=pk, user=request.user)
    product.delete()  # doses keep their snapshot of name, form and amount
    messages.success(request, f"Deleted {product}; the doses you logged keep their figures.")
    return redirect("journal:supplements")


def dose_add(request):
    return dose_form(request, SupplementDose(), requested_day(request), request.GET.get("product"))


def dose_edit(request, pk):
    return dose_form(request, get_object_or_404(SupplementDose, pk=pk, user=request.user))


def dose_form(request, dose, day=None, chosen_product=None):
    profile = Profile.for_user(request.user)
    form = DoseForm(request.POST or None, instance=dose, profile=profile, day=day, chosen_product=chosen_product)
    if form.is_valid():
        dose = form.save()
        messages.success(request, f"Logged {show(dose.elemental_mg, 'mg')} elemental magnesium ({dose}).")
        for warning in dose_warnings(profile, dose):
            messages.warning(request, warning)
        return redirect_back(request, "journal:supplements")
    return render(request, "journal/supplement_dose_form.html", {"form": form, "dose": dose, "profile": profile})


@require_POST
def usual_dose(request, day):
    """"Take your usual dose" on today's page: the product's last dose again, now."""
    return posted_from_the_day_page(request, UsualDoseForm(request.POST, user=request.user, day=day), day)


@require_POST
def dose_delete(request, pk):
    dose = get_object_or_404(SupplementDose, pk=pk, user=request.user)
    dose.delete()
    messages.success(request, f"Deleted the dose of {dose.product_name} on {dose.date}.")
    return redirect_back(request, "journal:supplements")

