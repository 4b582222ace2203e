from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.db import transaction

from foods import search
from foods.figures import show, stored
from foods.models import Food, Portion
from foods.nutrients import MOST_PER_100_G, UNITS, Nutrients, unbelievable

PER_100_G, PER_SERVING = "100g", "serving"
MAX_GRAMS = Decimal(5000)
# Food's columns keep figures per 100 g to 0.001: 50 mg per 30 g serving is stored as 166.667 mg.
PER_100_G_STEP = Decimal("0.001")


def nutrient_input(label, required=False):
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_digits=10, decimal_places=3,
        error_messages={"min_value": "Cannot be negative."},
    )


def grams_input(label, help_text=""):
    return forms.DecimalField(
        label=label, required=False, max_digits=7, decimal_places=2, help_text=help_text,
        error_messages={"max_digits": "That is more than any serving."},
    )


class CustomFoodForm(forms.Form):
    """A food copied from a package label; figures per 100 g or per serving, stored per 100 g."""

    name = forms.CharField(max_length=255)
    basis = forms.ChoiceField(
        label="The label's figures are", choices=[(PER_100_G, "per 100 g"), (PER_SERVING, "per serving")],
        initial=PER_100_G, widget=forms.RadioSelect,
    )
    serving_grams = grams_input("Serving size (g)", "Needed when the figures are per serving.")
    magnesium_mg = nutrient_input("Magnesium (mg)", required=True)
    potassium_mg = nutrient_input("Potassium (mg)")
    sodium_mg = nutrient_input("Sodium (mg)")
    calcium_mg = nutrient_input("Calcium (mg)")
    energy_kcal = nutrient_input("Energy (kcal)")
    # Labels seldom state water; a drink's own figure makes its fluid count on the day page.
    water_g = nutrient_input("Water (g)")
    portion_description = forms.CharField(
        label="Household measure", max_length=160, required=False, help_text='For example "1 bar" or "1 cup".'
    )
    portion_grams = grams_input("Its weight (g)")

    def __init__(self, *args, food=None, **kwargs):
        self.food = food
        super().__init__(*args, initial=self.initial_for(food) if food else None, **kwargs)
        self.working = []
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            Fieldset("Figures from the label", "basis", "serving_grams", "magnesium_mg", "potassium_mg", "sodium_mg",
                     "calcium_mg", "energy_kcal", "water_g"),
            Fieldset("A household measure (optional)", "portion_description", "portion_grams"),
            Submit("save", "Save food"),
        )

    @staticmethod
    def initial_for(food):
        portions = list(food.portions.all())
        serving = next((p for p in portions if p.description == Portion.LABEL_SERVING), None)
        household = next((p for p in portions if p.description != Portion.LABEL_SERVING), None)
        initial = {"name": food.name, "basis": PER_100_G, "serving_grams": serving and serving.grams}
        initial.update({name: getattr(food, name) for name in Nutrients.NAMES})
        if household:
            initial.update(portion_description=household.description, portion_grams=household.grams)
        return initial

    def _positive_grams(self, name):
        grams = self.cleaned_data.get(name)
        if grams is not None and not Decimal(0) < grams <= MAX_GRAMS:
            raise forms.ValidationError(f"Give a weight above 0 g and at most {MAX_GRAMS:,} g.")
        return grams

    def clean_serving_grams(self):
        return self._positive_grams("serving_grams")

    def clean_portion_description(self):
        description = self.cleaned_data["portion_description"].strip()
        if description.casefold() == Portion.LABEL_SERVING.casefold():
            # That name belongs to the serving size above; two portions would answer to it.
            raise forms.ValidationError("Name the household measure as the label or your kitchen does, e.g. 1 bar.")
        return description

    def clean_portion_grams(self):
        return self._positive_grams("portion_grams")

    def clean(self):
        data = super().clean()
        if data.get("basis") == PER_SERVING and not data.get("serving_grams") and "serving_grams" not in self.errors:
            self.add_error("serving_grams", "Give the serving size in grams: the figures are per serving.")
        has_description, has_grams = bool(data.get("portion_description")), bool(data.get("portion_grams"))
        if has_description != has_grams and "portion_grams" not in self.errors:
            self.add_error("portion_grams" if has_description else "portion_description",
                           "Give both the household measure and its weight, or neither.")
        if self.errors:
            return data
        for name in Nutrients.NAMES:
            data[name] = self._per_100_g(name, data[name], data["basis"], data.get("serving_grams"))
            if unbelievable(name, data[name]):
                self.add_error(name, self._unbelievable_message(name, data[name]))
        return data

    @staticmethod
    def _unbelievable_message(name, per_100_g):
        unit = UNITS[name]
        most = show(MOST_PER_100_G[name], "source", unit)
        message = (f"That is {show(per_100_g, 'source', unit)} per 100 g; no food has more than {most}. "
                   "Check the label's unit and whether it is per serving.")
        if name == "magnesium_mg":
            # The likeliest cause: a magnesium powder or capsule, which belongs with the supplement doses.
            message += " A magnesium supplement is logged under Supplements, not as a food."
        return message

    def _per_100_g(self, name, value, basis, serving_grams):
        """The label's figure per 100 g; per-serving figures are scaled exactly and the working kept to show."""
        if value is None or basis == PER_100_G:
            return value
        per_100_g = stored(value * 100 / serving_grams, PER_100_G_STEP)
        unit, serving = UNITS[name], show(serving_grams, "g")
        label = self.fields[name].label.split(" (")[0]
        self.working.append(
            f"{label}: {show(value, 'source', unit)} per {serving} serving × 100 ÷ {serving} = "
            f"{show(per_100_g, 'source', unit)} per 100 g"
        )
        return per_100_g

    @staticmethod
    def _save_portions(food, data):
        """Update the label serving and the household measure in place: meals and saved meals point at them."""
        wanted = []
        if data["serving_grams"]:
            wanted.append(("serving", Portion.LABEL_SERVING, data["serving_grams"]))
        if data["portion_description"]:
            wanted.append(("household", data["portion_description"], data["portion_grams"]))
        current = {
            "serving" if portion.description == Portion.LABEL_SERVING else "household": portion
            for portion in food.portions.all()
        }
        for position, (role, description, grams) in enumerate(wanted, start=1):
            portion = current.pop(role, None) or Portion(food=food)
            portion.description, portion.grams, portion.position = description, grams, position
            portion.save()
        food.portions.filter(pk__in=[portion.pk for portion in current.values()]).delete()

    @transaction.atomic
    def save(self, owner):
        """Write the food (searchable once saved) and its portions together."""
        data = self.cleaned_data
        food = self.food or Food(owner=owner, source=Food.Source.CUSTOM)
        food.name = data["name"]
        for name in Nutrients.NAMES:
            setattr(food, name, data[name])
        food.save()
        self._save_portions(food, data)
        search.reindex([food])  # its typical portion, now that its portions are written
        return food
