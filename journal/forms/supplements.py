from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from journal.forms.moments import LocalMomentForm
from journal.models import SupplementDose, SupplementProduct
from journal.supplement_forms import FORMS

# Per-unit bounds that catch typing slips: no capsule holds 5 g of elemental magnesium,
# and 20 g of compound is a heaped tablespoon of Epsom salt.
MAX_ELEMENTAL_PER_UNIT_MG = Decimal(5000)
MAX_COMPOUND_PER_UNIT_MG = Decimal(20000)
MAX_UNITS = Decimal(100)
SMALLEST_AMOUNT = Decimal("0.01")


class ProductForm(forms.ModelForm):
    label_elemental_mg = forms.DecimalField(
        label="Elemental magnesium per unit (mg)", required=False, max_digits=8, decimal_places=2,
        min_value=SMALLEST_AMOUNT, max_value=MAX_ELEMENTAL_PER_UNIT_MG,
        help_text="As on the label (“magnesium 100 mg”). When given, it is used as is.",
    )
    label_compound_mg = forms.DecimalField(
        label="Compound weight per unit (mg)", required=False, max_digits=8, decimal_places=2,
        min_value=SMALLEST_AMOUNT, max_value=MAX_COMPOUND_PER_UNIT_MG,
        help_text="Only if the label gives the salt’s weight (“magnesium glycinate 500 mg”): "
        "the elemental amount is then computed from the form.",
    )

    class Meta:
        model = SupplementProduct
        fields = ["name", "brand", "form", "unit_name", "label_elemental_mg", "label_compound_mg"]
        labels = {"unit_name": "Unit", "form": "Form of magnesium"}
        help_texts = {"unit_name": "capsule, tablet, scoop, teaspoon…"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save product"))
        self.fields["form"].help_text = "Elemental magnesium by weight: " + "; ".join(
            f"{facts.form} {facts.percent}%" for facts in FORMS.values() if facts.elemental_fraction is not None
        )


class DoseForm(LocalMomentForm):
    moment_field = "taken_at"
    units = forms.DecimalField(
        label="How many units", max_digits=6, decimal_places=2, min_value=SMALLEST_AMOUNT, max_value=MAX_UNITS,
    )

    class Meta:
        model = SupplementDose
        fields = ["product", "units", "taken_at"]

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
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
        return cleaned
