from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.loader import render_to_string

from foods.figures import show
from journal.forms.days import ForALivedDay
from journal.forms.moments import LocalMomentForm
from journal.forms.once import SentOnce, SentOnceByKey
from journal.ledger import day_of
from journal.medicines import notes_for_dose
from journal.models import MAX_FLUID_ML_A_DAY, Profile, SupplementDose, SupplementProduct
from journal.supplement_forms import FORMS
from mgtracker.ids import row_id

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


class UsualDoseForm(SentOnceByKey, ForALivedDay, forms.Form):
    """One tap on today's page: the product's last dose taken again, now, with the product's figures as they are.
    It joins the offline queue, so a tap sent twice is one dose."""

    future_day_message = "That day has not come yet: log a dose on a day you have lived."
    product = forms.ModelChoiceField(
        queryset=SupplementProduct.objects.none(),
        error_messages={"invalid_choice": "That product is no longer in your list.", "required": "Choose a product."},
    )
    # Sent by the offline queue, which may send the tap hours after it was made (static/js/offline-queue.js).
    tapped_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = SupplementProduct.objects.filter(user=self.user)

    def clean(self):
        cleaned = super().clean()
        product = cleaned.get("product")
        if product is None:
            return cleaned
        last_dose = product.doses.order_by("-taken_at", "-pk").first()
        if last_dose is None:
            raise forms.ValidationError(f"No dose of {product} is logged yet: log the first with “Log a dose”.")
        if product.elemental_mg_per_unit is None:
            raise forms.ValidationError(f"{product} has no magnesium figure: edit the product from its label.")
        self.dose = SupplementDose(user=self.user, units=last_dose.units, taken_at=self._taken_at())
        self.dose.date = self.day
        self.dose.copy_product(product)
        if errors := list(too_much_in_one_dose(self.dose)):
            raise forms.ValidationError(errors)
        return cleaned

    def _taken_at(self):
        """When the phone says it was tapped, if that was on this day and not ahead of now; else now on this day."""
        tapped_at = self.cleaned_data.get("tapped_at")
        if tapped_at is not None and self.profile.local_date(tapped_at) == self.day:
            return min(tapped_at, self.profile.now())
        return self.profile.moment_on(self.day)

    def entries_sent(self):
        return SupplementDose.objects.filter(user=self.user)

    def save(self):
        self.dose = self.save_once(self._save_new)
        return self.dose

    def _save_new(self, key):
        self.dose.idempotency_key = key
        self.dose.save()
        return self.dose

    def saved_message(self):
        return f"Logged {show(self.dose.elemental_mg, 'mg')} elemental magnesium ({self.dose})."

    def warnings(self):
        # A key sent before skips cleaning (and `self.profile`): the first dose is said again, warnings and all.
        return dose_warnings(Profile.for_user(self.user), self.dose)


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


def dose_warnings(profile, dose):
    """What a saved dose calls for, whichever way it was logged: the day's supplements above the upper limit, and
    magnesium taken too close to a medicine that needs spacing from it."""
    limit = day_of(profile, dose.date).supplement_limit
    above = [render_to_string("journal/supplement_ul_warning.html", {"limit": limit}).strip()] if limit.exceeded else []
    return above + [note.text for note in notes_for_dose(profile, dose)]


def too_much_in_one_dose(dose):
    """Why a dose cannot be what was meant (each a message), once its product's figures are copied onto it."""
    if dose.elemental_mg > SupplementDose.MAX_ELEMENTAL_MG:
        yield (f"That is {dose.elemental_mg} mg of elemental magnesium in one dose, over the "
               f"{SupplementDose.MAX_ELEMENTAL_MG:,} mg this journal accepts: check the number of units.")
    if dose.water_ml > MAX_FLUID_ML_A_DAY:
        yield (f"That is {show(dose.water_ml, 'ml')} to drink in one dose, over the "
               f"{MAX_FLUID_ML_A_DAY:,} ml (20 L) this journal accepts in a day: check the number of units.")


def product_with_magnesium(product):
    """A product as the dose form lists it: the elemental magnesium a unit gives first, so a phone's narrow list
    never cuts it off."""
    return f"{show(product.elemental_mg_per_unit, 'source', 'mg')} a {product.unit_name} · {product}"


class DoseForm(SentOnce, LocalMomentForm):
    moment_field = "taken_at"
    units = forms.DecimalField(
        label="How many units", max_digits=6, decimal_places=2, min_value=SMALLEST_AMOUNT, max_value=MAX_UNITS,
    )

    class Meta:
        model = SupplementDose
        fields = ["product", "units", "taken_at"]

    def __init__(self, *args, profile, chosen_product=None, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        self.instance.user_id = profile.user_id
        # Only the user's own products: another user's id is not a valid choice.
        self.fields["product"].queryset = SupplementProduct.objects.filter(user_id=profile.user_id)
        self.fields["product"].label_from_instance = product_with_magnesium
        if self.instance.pk is None and not self.is_bound:
            self._propose_product(chosen_product)
        if self.instance.pk is None or self.instance.product_id is not None:
            self.fields["product"].empty_label = None
        else:  # its product was deleted: make the person choose, never pick the first one silently
            self.fields["product"].empty_label = "Choose a product"
        self.fields["units"].widget.attrs["inputmode"] = "decimal"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save dose"))

    def _propose_product(self, chosen_id):
        """The product just added (`chosen_id`, from the round trip through the product form), else the one last
        taken, else the newest; and as many units as were taken of it last time, else one."""
        products = self.fields["product"].queryset
        product = products.filter(pk=row_id(chosen_id)).first() if row_id(chosen_id) else None
        doses = SupplementDose.objects.filter(user_id=self.profile.user_id).order_by("-taken_at", "-pk")
        last_dose = doses.filter(**{"product": product} if product else {"product__isnull": False})
        last_dose = last_dose.select_related("product").first()
        product = product or (last_dose.product if last_dose else products.order_by("-pk").first())
        self.initial["product"] = product.pk if product else None
        self.initial["units"] = f"{last_dose.units.normalize():f}" if last_dose else "1"

    def clean(self):
        cleaned = super().clean()
        product, units = cleaned.get("product"), cleaned.get("units")
        relabel = self.instance.pk is None or {"product", "units"} & set(self.changed_data)
        if product is not None and units is not None and relabel:
            # A new or changed dose takes the product's figures as they are now; moving
            # the time of an old dose keeps what it was logged with.
            self.instance.units = units
            self.instance.copy_product(product)
            for message in too_much_in_one_dose(self.instance):
                self.add_error("units", message)
        return cleaned
