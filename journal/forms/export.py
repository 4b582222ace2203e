from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

EARLIEST = date(1900, 1, 1)
LONGEST_RANGE_DAYS = 3 * 366


class ExportForm(forms.Form):
    class Kind:
        DAILY = "daily"
        ENTRIES = "entries"

    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label="What",
        choices=[
            (Kind.DAILY, "One row a day: magnesium totals against the goal, electrolytes, symptom means"),
            (Kind.ENTRIES, "Every meal, supplement dose and symptom note, with its USDA source"),
        ],
        widget=forms.RadioSelect,
        initial=Kind.DAILY,
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["start"].initial = today - timedelta(days=29)
        self.fields["end"].initial = today
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("download", "Download CSV"))

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < EARLIEST:
            raise forms.ValidationError("Choose a date from 1900 on.")
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end > self.today + timedelta(days=1):
            raise forms.ValidationError("Choose a date no later than tomorrow.")
        return end

    def clean(self):
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", "The end comes before the start.")
            elif (end - start).days >= LONGEST_RANGE_DAYS:
                self.add_error("start", "Export at most three years at a time.")
        return self.cleaned_data
