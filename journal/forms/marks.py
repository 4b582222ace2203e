from django import forms

from journal.forms.days import ForALivedDay
from journal.models import DayMark


class DayMarksForm(ForALivedDay, forms.Form):
    """One tap on the day page: "my food log is complete", "no supplements today" or "no medicines today", or one
    taken back.
    A field left out of the request leaves that mark as it is."""

    food_complete = forms.NullBooleanField(required=False)
    no_supplements = forms.NullBooleanField(required=False)
    no_medicines = forms.NullBooleanField(required=False)

    future_day_message = "A day still to come cannot be marked: mark it once it has been lived."

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) is None for name in self.fields):
            raise forms.ValidationError("Nothing to mark: choose a mark.")
        return cleaned

    def save(self):
        changes = {name: value for name, value in self.cleaned_data.items() if value is not None}
        DayMark.objects.update_or_create(user=self.user, date=self.day, defaults=changes)

    def saved_message(self):
        words = {
            ("food_complete", True): "Marked this day's food log complete.",
            ("food_complete", False): "This day's food log is no longer marked complete.",
            ("no_supplements", True): "Noted: no supplements on this day.",
            ("no_supplements", False): "No longer marked as a day without supplements.",
            ("no_medicines", True): "Noted: no medicines on this day.",
            ("no_medicines", False): "No longer marked as a day without medicines.",
        }
        return " ".join(words[item] for item in self.cleaned_data.items() if item[1] is not None)
