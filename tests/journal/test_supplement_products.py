from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import SupplementDose, SupplementProduct
from tests.builders import log_dose, make_product

ADD_URL = reverse("journal:product_add")


def product_data(**changes):
    data = {"name": "Calm capsules", "brand": "Acme", "form": "glycinate", "unit_name": "capsule",
            "label_elemental_mg": "", "label_compound_mg": "500"}
    return data | changes


def test_it_computes_elemental_magnesium_from_the_compound_weight(logged_in_client, user):
    response = logged_in_client.post(ADD_URL, product_data(), follow=True)
    product = SupplementProduct.objects.get(user=user)
    assert product.elemental_mg_per_unit == Decimal("70.50")
    assertContains(response, "500 mg × 14.10% = 70.5 mg elemental")
    assertContains(response, "gentle on the stomach")  # what glycinate is known for


def test_the_labels_elemental_figure_wins_over_the_compound_weight(logged_in_client, user):
    logged_in_client.post(ADD_URL, product_data(label_elemental_mg="120"))
    assert SupplementProduct.objects.get(user=user).elemental_mg_per_unit == Decimal("120")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"form": "other", "label_compound_mg": "500"}, "enter the elemental magnesium per unit from the label"),
        ({"label_compound_mg": ""}, "or the compound weight so it can be computed"),
        ({"label_compound_mg": "0"}, "greater than or equal to 0.01"),
        ({"label_elemental_mg": "-100"}, "greater than or equal to 0"),
        ({"label_elemental_mg": "5001"}, "less than or equal to 5000"),
        ({"label_compound_mg": "20001"}, "less than or equal to 20000"),
        ({"label_compound_mg": "lots"}, "Enter a number."),
        ({"form": "unobtainium"}, "Select a valid choice."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(logged_in_client, changes, message):
    response = logged_in_client.post(ADD_URL, product_data(**changes))
    assertContains(response, message)
    assert not SupplementProduct.objects.exists()


def test_other_form_with_the_labels_elemental_figure_is_accepted(logged_in_client, user):
    logged_in_client.post(ADD_URL, product_data(form="other", label_compound_mg="", label_elemental_mg="50"))
    assert SupplementProduct.objects.get(user=user).elemental_working == "as stated on the label"


def test_it_lists_only_the_users_own_products(logged_in_client, user, other_user):
    make_product(user, name="Mine")
    make_product(other_user, name="Theirs")
    response = logged_in_client.get(reverse("journal:supplements"))
    assertContains(response, "Mine")
    assertNotContains(response, "Theirs")


def test_it_edits_a_product_and_logged_doses_keep_their_figures(logged_in_client, user):
    product = make_product(user)
    dose = log_dose(user, product=product, units="2")
    url = reverse("journal:product_edit", args=[product.pk])
    assertContains(logged_in_client.get(url), "70.5 mg")
    logged_in_client.post(url, product_data(name="Renamed", label_elemental_mg="200"))
    product.refresh_from_db()
    dose.refresh_from_db()
    assert (product.name, product.elemental_mg_per_unit) == ("Renamed", Decimal("200"))
    assert (dose.product_name, dose.elemental_mg) == ("Acme Magnesium glycinate", Decimal("141.00"))


def test_a_refused_edit_still_shows_the_stored_figures(logged_in_client, user):
    product = make_product(user)  # 500 mg glycinate: 70.50 mg
    url = reverse("journal:product_edit", args=[product.pk])
    response = logged_in_client.post(url, product_data(label_compound_mg="1000", form="zzz"))
    assertContains(response, "Select a valid choice.")
    assertContains(response, "Now: <strong>70.5 mg</strong>")
    assertNotContains(response, "None mg")


def test_deleting_a_product_keeps_its_doses(logged_in_client, user):
    product = make_product(user)
    log_dose(user, product=product)
    response = logged_in_client.post(reverse("journal:product_delete", args=[product.pk]), follow=True)
    assertContains(response, "the doses you logged keep their figures")
    assert not SupplementProduct.objects.exists()
    assert SupplementDose.objects.get().elemental_mg == Decimal("70.50")


def test_delete_needs_a_post(logged_in_client, user):
    product = make_product(user)
    assert logged_in_client.get(reverse("journal:product_delete", args=[product.pk])).status_code == 405
    assert SupplementProduct.objects.exists()


@pytest.mark.parametrize(("name", "method"), [("journal:product_edit", "get"), ("journal:product_edit", "post"),
                                              ("journal:product_delete", "post")])
def test_another_users_product_is_a_404(logged_in_client, other_user, name, method):
    product = make_product(other_user)
    response = getattr(logged_in_client, method)(reverse(name, args=[product.pk]), product_data())
    assert response.status_code == 404
    product.refresh_from_db()
    assert product.name == "Magnesium glycinate"


def test_the_list_runs_a_fixed_number_of_queries(logged_in_client, user, django_assert_num_queries):
    for number in range(30):
        log_dose(user, product=make_product(user, name=f"Product {number}"))
    # Session, user, profile; the ledger's nine (the day's stamp, then eight) for today's total against the limit;
    # products; recent doses.
    with django_assert_num_queries(14):
        response = logged_in_client.get(reverse("journal:supplements"))
    assertContains(response, "Product 29")


def test_a_salt_tablet_carries_sodium_and_no_magnesium(logged_in_client, user):
    data = product_data(name="Salt tablets", form="other", unit_name="tablet", label_elemental_mg="0",
                        label_compound_mg="", sodium_mg_per_unit="393")

    response = logged_in_client.post(ADD_URL, data, follow=True)

    product = SupplementProduct.objects.get(user=user)
    assert (product.elemental_mg_per_unit, product.sodium_mg_per_unit, product.water_ml_per_unit) == (0, 393, None)
    assertContains(response, "Per tablet: sodium 393 mg")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sodium_mg_per_unit": "-1"}, "sodium_mg_per_unit"),
        ({"sodium_mg_per_unit": "10001"}, "sodium_mg_per_unit"),
        ({"potassium_mg_per_unit": "-5"}, "potassium_mg_per_unit"),
        ({"water_ml_per_unit": "5001"}, "water_ml_per_unit"),
    ],
)
def test_electrolyte_figures_out_of_bounds_are_refused(logged_in_client, user, changes, field):
    response = logged_in_client.post(ADD_URL, product_data(**changes))

    assert response.context["form"].errors[field]
    assert not SupplementProduct.objects.exists()
