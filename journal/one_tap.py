"""One-tap forms: a button that logs again what was logged before (a recent food, the usual dose of a product).

Each is rendered by templates/journal/includes/one_tap.html, a POST form of class "one-tap" carrying its fields
hidden, so whatever handles these taps is attached to one template. A tap with an `offline_label` joins the offline
queue (docs/offline-queue.md): its view saves once per idempotency key, and Today lists the label while it waits.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from foods.figures import plain, show, stored


@dataclass(frozen=True)
class OneTap:
    action: str
    fields: dict
    label: str
    detail: str
    figure: str
    offline_label: str = ""  # none: the tap is sent only online

    @property
    def hidden_inputs(self):
        """The fields as hidden inputs, each value written as a template writes it: Today draws dozens. The names
        are this module's own words."""
        return mark_safe("".join(f'<input type="hidden" name="{name}" value="{conditional_escape(localize(value))}">'
                                 for name, value in self.fields.items()))


def food_taps(entries, day, meal):
    """Each entry's food, portion and amount logged again on `day` (a date, or the form's text of one) in `meal`."""
    action = reverse("journal:meal_add")
    return [
        OneTap(
            action=action,
            fields={"food": entry.food_id, "portion": entry.portion_id or "", "amount": entry.amount,
                    "date": str(day), "meal": meal},
            label=entry.food_name, detail=entry.amount_text, figure=show(entry.magnesium_mg, "mg"),
            offline_label=f"{entry.food_name}, {entry.amount_text}",
        )
        for entry in entries
    ]


def saved_meal_taps(saved_meals, day, meal):
    """Each saved meal's foods logged on `day` (a date, or the form's text of one) in `meal`; online only, since
    several entries saved from one tap carry no single key."""
    return [
        OneTap(action=reverse("journal:saved_meal_log", args=[saved_meal.pk]),
               fields={"date": str(day), "meal": meal}, label=saved_meal.name, detail="", figure="")
        for saved_meal in saved_meals
    ]


def dose_taps(doses, day):
    """Each product's last dose taken again on `day`, at the time of the tap, with the product's figures now."""
    action = reverse("journal:usual_dose", args=[day])
    return [
        OneTap(
            action=action,
            fields={"product": dose.product_id},
            label=f"Take {dose.product}",
            detail=f"{plain(dose.units)} × {dose.product.unit_name}, as last time",
            figure=show(_elemental_mg(dose.units, dose.product), "mg"),
            offline_label=f"{dose.product}, {plain(dose.units)} × {dose.product.unit_name}",
        )
        for dose in doses
    ]


def _elemental_mg(units, product):
    per_unit = product.elemental_mg_per_unit
    return None if per_unit is None else stored(units * per_unit)  # None: "no data", never a made-up 0
