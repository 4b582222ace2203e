from django import forms

from journal.forms.days import ForALivedDay
from journal.forms.once import SentOnce
from journal.ledger import day_of
from journal.models import MAX_FLUID_ML_A_DAY, Drink


class DrinkForm(SentOnce, ForALivedDay, forms.ModelForm):
    """A drink in ml on one day: a glass or a bottle in one tap, or any amount; the one-tap glass and bottle join
    the offline queue, so each is sent once."""

    ml = forms.IntegerField(
        label="Amount (ml)", min_value=1, max_value=MAX_FLUID_ML_A_DAY,
        error_messages={
            "min_value": "Give an amount above 0 ml.",
            "max_value": f"That is more than {MAX_FLUID_ML_A_DAY:,} ml (20 L): check the amount.",
            "required": "Give the amount in ml.",
            "invalid": "Give the amount in whole ml, for example 250.",
        },
    )

    class Meta:
        model = Drink
        fields = ["kind", "ml"]

    future_day_message = "A day still to come cannot have drinks: add them once it has been lived."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = self.user

    def clean(self):
        cleaned = super().clean()
        ml = cleaned.get("ml")
        if ml is not None:
            so_far = day_of(self.profile, self.day).fluid.total or 0
            if so_far + ml > MAX_FLUID_ML_A_DAY:
                raise forms.ValidationError(
                    f"That would make {so_far + ml:,} ml on this day, more than {MAX_FLUID_ML_A_DAY:,} ml (20 L): "
                    "check the amount. Nothing was added."
                )
        return cleaned

    def save(self, commit=True):
        self.instance.date = self.day
        return super().save(commit)

    def saved_message(self):
        return f"Added {self.instance.ml:,} ml of {self.instance.get_kind_display().lower()}."
