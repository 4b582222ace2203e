from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.db import transaction

from foods import search
from foods.figures import show, stored
from foods.models import Food, Portion
from foods.nutrients import LABELS, MOST_PER_100_G, UNITS, Nutrients, unbelievable
from mgtracker.ids import row_id

PER_100_G, PER_SERVING = "100g", "serving"
MAX_GRAMS = Decimal(5000)
# Food's columns keep figures per 100 g to 0.001: 50 mg per 30 g serving is stored as 166.667 mg.
PER_100_G_STEP = Decimal("0.001")
SIMILAR_FOODS_OFFERED = 5
NO_ESTIMATE = "No estimate: figures left blank stay unknown"
BLANK_IS_BETTER = (
    '<p class="small">Leave a figure blank when the label does not give it: most labels give no magnesium. A blank '
    "figure is counted as unknown (the day's total then says \"at least\"); a guess would be counted as if it were "
    "known.</p>"
)
# Submits what was typed so far to list similar foods; the browser's checks wait for the real save.
FIND_SIMILAR = ('<button type="submit" name="suggest" value="1" class="btn btn-outline-secondary mb-3" formnovalidate>'
                "Find similar USDA foods</button>")
ESTIMATE_HELP = (
    '<p class="small">If you want an estimate for a figure the label leaves out, take it from a similar USDA food '
    "(the closest basic foods are listed first). The food, and every day it is logged on, will say the figure is "
    "estimated and from which USDA food. A figure you type from the label always wins over an estimate.</p>"
)


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
    magnesium_mg = nutrient_input("Magnesium (mg)")
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
    estimate_from = forms.TypedChoiceField(
        label="Similar USDA foods", coerce=int, empty_value=None, required=False, widget=forms.RadioSelect,
    )
    estimated_figures = forms.MultipleChoiceField(
        label="Estimate these figures, where the label gives none", required=False,
        widget=forms.CheckboxSelectMultiple, initial=["magnesium_mg"],
    )

    def __init__(self, data=None, *, owner, food=None, initial=None, **kwargs):
        """`initial` is the figures typed so far when the person asked for similar foods before saving."""
        self.owner, self.food = owner, food
        super().__init__(data, initial=initial or (self.initial_for(food) if food else None), **kwargs)
        self.working = []
        name = (self.data if self.is_bound else self.initial).get("name", "")
        self.similar = similar_usda_foods(name, owner, self.initial.get("estimate_from"))
        self.fields["estimate_from"].choices = [
            ("", NO_ESTIMATE),
            *((similar.pk, f"{similar.estimate_citation}: {show(similar.magnesium_mg, 'source', 'mg')} magnesium "
                           "per 100 g") for similar in self.similar),
        ]
        self.fields["estimated_figures"].choices = [(name, f"{LABELS[name]} estimate") for name in Nutrients.NAMES]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            Fieldset("Figures from the label", HTML(BLANK_IS_BETTER), "basis", "serving_grams", "magnesium_mg",
                     "potassium_mg", "sodium_mg", "calcium_mg", "energy_kcal", "water_g"),
            Fieldset("An estimate for what the label leaves out (optional)", HTML(ESTIMATE_HELP),
                     HTML(FIND_SIMILAR),
                     "estimate_from", "estimated_figures"),
            Fieldset("A household measure (optional)", "portion_description", "portion_grams"),
            Submit("save", "Save food"),
        )

    @staticmethod
    def initial_for(food):
        portions = list(food.portions.all())
        serving = next((p for p in portions if p.description == Portion.LABEL_SERVING), None)
        household = next((p for p in portions if p.description != Portion.LABEL_SERVING), None)
        initial = {"name": food.name, "basis": PER_100_G, "serving_grams": serving and serving.grams}
        # An estimated figure is not the label's: its field stays blank, and the estimate is offered again.
        estimated = food.estimated
        initial.update({name: None if name in estimated else getattr(food, name) for name in Nutrients.NAMES})
        if estimated:
            initial.update(estimate_from=food.estimated_from_id, estimated_figures=estimated)
        if household:
            initial.update(portion_description=household.description, portion_grams=household.grams)
        return initial

    @classmethod
    def typed_so_far(cls, data):
        """What the person had typed, as initial values, when they ask for similar foods before saving."""
        return {**data.dict(), "estimated_figures": data.getlist("estimated_figures")}

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
        if data.get("estimate_from") and not data.get("estimated_figures") and "estimated_figures" not in self.errors:
            self.add_error("estimated_figures", "Tick the figures to estimate from the food you chose.")
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

    def _say_what_was_not_estimated(self, food, chosen, data):
        """A figure asked to be estimated but not taken: the label gave it, or the chosen food has none either."""
        for name in data["estimated_figures"]:
            if name in food.estimated:
                continue
            if data[name] is not None:
                self.working.append(f"{LABELS[name]}: the label's figure is kept; what you type wins over an estimate.")
            else:
                self.working.append(f"{LABELS[name]}: {chosen.name} has no figure either, so it stays unknown.")

    @transaction.atomic
    def save(self):
        """Write the food (searchable once saved) and its portions together."""
        data = self.cleaned_data
        food = self.food or Food(owner=self.owner, source=Food.Source.CUSTOM)
        food.name = data["name"]
        for name in Nutrients.NAMES:
            setattr(food, name, data[name])
        chosen = next((similar for similar in self.similar if similar.pk == data["estimate_from"]), None)
        food.estimate_from(chosen, data["estimated_figures"] if chosen else [])
        if chosen:
            self._say_what_was_not_estimated(food, chosen, data)
        food.save()
        self._save_portions(food, data)
        search.reindex([food])  # its typical portion, now that its portions are written
        return food


def similar_usda_foods(name, user, also=None):
    """USDA foods whose names match `name` and that have a magnesium figure, basic foods first, best match first
    among them; `also` (the id of the food an estimate was taken from) is kept among them."""
    also = row_id(also)
    found = [food.pk for food in search.search(name, user) if food.owner_id is None] if name.strip() else []
    ids = found[:SIMILAR_FOODS_OFFERED * 2]
    foods = Food.objects.filter(pk__in=[*ids, also], owner=None, magnesium_mg__isnull=False).in_bulk()
    rank = {pk: position for position, pk in enumerate(ids)}
    similar = sorted((food for pk, food in foods.items() if pk in rank), key=lambda food: (
        food.kind != Food.Kind.BASIC, rank[food.pk]))[:SIMILAR_FOODS_OFFERED]
    if also in foods and foods[also] not in similar:
        similar.append(foods[also])
    return similar
