"""Elemental magnesium from a label's compound weight, with figures worked by hand from the formula."""

from decimal import Decimal

import pytest

from journal.models import SupplementProduct
from journal.supplement_forms import FORMS

MG_ATOMIC_MASS = Decimal("24.305")


@pytest.mark.parametrize(
    ("form", "compound_mg", "elemental_mg"),
    [
        ("glycinate", "500", "70.50"),  # 500 x 24.305 / 172.423 = 70.48; with the 14.10% of the table, 70.50
        ("citrate", "1000", "161.60"),  # trimagnesium dicitrate anhydrous, 16.16%
        ("oxide", "400", "241.20"),  # 60.30%
        ("threonate", "2000", "165.00"),  # 8.25%
        ("chloride", "535", "63.99"),  # hexahydrate 11.96%: 63.986, rounded
        ("lactate", "404.85", "48.62"),  # the EU SmPC's own figure for magnesium lactate
        ("sulfate", "1000", "98.60"),  # Epsom salt, 9.86%
    ],
)
def test_compound_weight_times_the_forms_fraction(form, compound_mg, elemental_mg):
    product = SupplementProduct(form=form, label_compound_mg=Decimal(compound_mg))
    assert product.elemental_mg_per_unit == Decimal(elemental_mg)


def test_the_working_is_shown_with_the_salt_assumed():
    product = SupplementProduct(form="glycinate", label_compound_mg=Decimal("500.00"))
    assert product.elemental_working == (
        "500 mg × 14.10% = 70.5 mg elemental (assuming magnesium bisglycinate, anhydrous, Mg(C2H4NO2)2)"
    )


def test_the_labels_elemental_figure_wins():
    product = SupplementProduct(form="glycinate", label_compound_mg=Decimal("500"), label_elemental_mg=Decimal("100"))
    assert product.elemental_mg_per_unit == Decimal("100")
    assert product.elemental_working == "as stated on the label"


def test_every_form_choice_has_a_row_and_a_known_for_text():
    assert set(FORMS) == set(SupplementProduct.Form.values)
    assert all(facts.known_for for facts in FORMS.values())


@pytest.mark.parametrize("facts", [facts for facts in FORMS.values() if facts.elemental_fraction is not None],
                         ids=lambda facts: facts.form)
def test_each_fraction_agrees_with_its_formula(facts):
    # Every salt assumed has one magnesium atom per formula unit, except trimagnesium dicitrate (three).
    atoms = 3 if facts.form == "citrate" else 1
    assert abs(atoms * MG_ATOMIC_MASS / facts.molar_mass_g_mol - facts.elemental_fraction) < Decimal("0.00005")
