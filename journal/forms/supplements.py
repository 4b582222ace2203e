from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from foods.figures import show
from journal.forms.moments import LocalMomentForm
from journal.forms.once import SentOnce
from journal.models import MAX_FLUID_ML_A_DAY, SupplementDose, SupplementProduct
from journal.supplement_forms import FORMS

# Per-unit bounds that catch typing slips: no capsule holds 5 g of elemental magnesium,
# and 20 g of compound is a heaped tablespoon of Epsom salt.
MAX_ELEMENTAL_PER_UNIT_MG = Decimal(5000)
MAX_COMPOUND_PER_UNIT_MG = Decimal(20000)
MAX_UNITS = Decimal(100)
# A level teaspoon of salt (about 6 g) holds about 2,360 mg of sodium; 10 g of sodium in one unit is a slip.
MAX_SODIUM_PER_UNIT_MG = Decimal(10_000)
# Potassium chloride is 52.4% potassium: 5 g in one unit is over 9 g of the salt.
MAX_POTASSIUM_PER_UNIT_MG = Decimal(5000)
# An oral rehydration sachet is made up with 200 ml to 1 L of water; 5 L for one unit is a slip.
MAX_WATER_PER_UNIT_ML = Decimal(5000)
SMALLEST_AMOUNT = Decimal("0.01")


class ProductForm(forms.ModelForm):
    label_elemental_mg = forms.DecimalField(
        label="Elemental magnesium per unit (mg)", required=False, max_digits=8, decimal_places=2,
        min_value=0, max_value=MAX_ELEMENTAL_PER_UNIT_MG,
        help_text="As on the label (“magnesium 100 mg”). When given, it is used as is. "
        "0 for a salt tablet or an electrolyte mix without magnesium.",
    )
    label_compound_mg = forms.DecimalField(
        label="Compound weight per unit (mg)", required=False, max_digits=8, decimal_places=2,
        min_value=SMALLEST_AMOUNT, max_value=MAX_COMPOUND_PER_UNIT_MG,
        help_text="Only if the label gives the salt’s weight (“magnesium glycinate 500 mg”): "
        "the elemental amount is then computed from the form.",
    )
    sodium_mg_per_unit = forms.DecimalField(
        label="Sodium per unit (mg)", required=False, max_digits=8, decimal_places=2, min_value=0,
        max_value=MAX_SODIUM_PER_UNIT_MG,
        help_text="From the label of a salt tablet, rehydration solution or electrolyte mix: sodium, not salt "
        "(1 g of salt holds about 393 mg of sodium).",
    )
    potassium_mg_per_unit = forms.DecimalField(
        label="Potassium per unit (mg)", required=False, max_digits=8, decimal_places=2, min_value=0,
        max_value=MAX_POTASSIUM_PER_UNIT_MG,
    )
    water_ml_per_unit = forms.DecimalField(
        label="Water a unit is drunk in (ml)", required=False, max_digits=7, decimal_places=1, min_value=0,
        max_value=MAX_WATER_PER_UNIT_ML,
        help_text="For a sachet or scoop made up as a drink (“dissolve in 500 ml of water”): counted as fluid.",
    )

    class Meta:
        model = SupplementProduct
        fields = [
            "name", "brand", "form", "unit_name", "label_elemental_mg", "label_compound_mg",
            "sodium_mg_per_unit", "potassium_mg_per_unit", "water_ml_per_unit",
        ]
        labels = {"unit_name": "Unit", "form": "Form of magnesium"}
        help_texts = {"unit_name": "capsule, tablet, scoop, teaspoon…"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save product"))
        self.fields["form"].help_text = "Elemental magnesium by weight: " + "; ".join(
            f"{facts.form} {facts.percent}%" for facts in FORMS.values() if facts.elemental_fraction is not None
        )


class DoseForm(SentOnce, LocalMomentForm):
    moment_field = "taken_at"
    units = forms.DecimalField(
        label="How many units", max_digits=6, decimal_places=2, min_value=SMALLEST_AMOUNT, max_value=MAX_UNITS,
    )

    class Meta:
        model = SupplementDose
        fields = ["product", "units", "taken_at"]

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        self.instance.user_id = profile.user_id
        # Only the user's own products: another user's id is not a valid choice.
        self.fields["product"].queryset = SupplementProduct.objects.filter(user_id=profile.user_id)
        if self.instance.pk is None or self.instance.product_id is not None:
            self.fields["product"].empty_label = None
        else:  # its product was deleted: make the person choose, never pick the first one silently
            self.fields["product"].empty_label = "Choose a product"
        self.fields["units"].widget.attrs["inputmode"] = "decimal"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save dose"))

    def clean(self):
        cleaned = super().clean()
        product, units = cleaned.get("product"), cleaned.get("units")
        relabel = self.instance.pk is None or {"product", "units"} & set(self.changed_data)
        if product is not None and units is not None and relabel:
            # A new or changed dose takes the product's figures as they are now; moving
            # the time of an old dose keeps what it was logged with.
            self.instance.units = units
            self.instance.copy_product(product)
            if self.instance.elemental_mg > SupplementDose.MAX_ELEMENTAL_MG:
                self.add_error("units", (
                    f"That is {self.instance.elemental_mg} mg of elemental magnesium in one dose, over the "
                    f"{SupplementDose.MAX_ELEMENTAL_MG:,} mg this journal accepts: check the number of units."
                ))
            if self.instance.water_ml > MAX_FLUID_ML_A_DAY:
                self.add_error("units", (
                    f"That is {show(self.instance.water_ml, 'ml')} to drink in one dose, over the "
                    f"{MAX_FLUID_ML_A_DAY:,} ml (20 L) this journal accepts in a day: check the number of units."
                ))
        return cleaned
