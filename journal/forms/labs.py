from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from foods.figures import plain
from journal.labs import ANALYTES, UNITS
from journal.models import EARLIEST_DATE, LabResult

DECIMAL = {"inputmode": "decimal", "step": "any"}


class LabResultForm(forms.ModelForm):
    class Meta:
        model = LabResult
        fields = ["analyte", "taken_on", "value", "unit", "range_low", "range_high", "lab", "note"]
        labels = {"analyte": "Test", "value": "Result", "range_low": "Lab's range from",
                  "range_high": "Lab's range to", "lab": "Laboratory (optional)", "note": "Notes (optional)"}
        help_texts = {
            "unit": "As printed on the report. Magnesium: 1 mmol/L = 2.4305 mg/dL = 2 mEq/L; creatinine: "
                    "1 mg/dL = 88.4 µmol/L.",
            "range_low": "The reference range printed on your lab's report, in the same unit as the result "
                         "(ranges differ between labs). Leave empty if the report gives none.",
        }
        widgets = {
            "taken_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "value": forms.NumberInput(attrs=DECIMAL),
            "range_low": forms.NumberInput(attrs=DECIMAL),
            "range_high": forms.NumberInput(attrs=DECIMAL),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if not self.instance.pk:
            self.initial.setdefault("taken_on", profile.today())
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save result"))

    def clean_taken_on(self):
        taken_on = self.cleaned_data["taken_on"]
        if taken_on > self.profile.today():
            raise forms.ValidationError("That date is in the future: enter the day the blood was taken.")
        if taken_on < EARLIEST_DATE:
            raise forms.ValidationError("Enter a date from 1900 on.")
        return taken_on

    def clean(self):
        cleaned = super().clean()
        analyte, unit = ANALYTES.get(cleaned.get("analyte")), cleaned.get("unit")
        if analyte is None or unit is None:
            return cleaned
        if unit not in analyte.factors:
            units = ", ".join(unit.label for unit in analyte.units)
            self.add_error("unit", f"{analyte.name} is reported in {units}, not {UNITS[unit].label}.")
            return cleaned
        if (value := cleaned.get("value")) is not None and (message := analyte.out_of_bounds_message(value, unit)):
            self.add_error("value", message)
        for name in ("range_low", "range_high"):
            bound = cleaned.get(name)
            if bound is not None and analyte.out_of_bounds_message(bound, unit):
                self.add_error(name, f"{plain(bound)} {UNITS[unit].label} cannot be a bound of a "
                                     f"{analyte.in_a_sentence} range: give the range in the same unit as the result.")
        low, high = cleaned.get("range_low"), cleaned.get("range_high")
        if low is not None and high is not None and low >= high and not self.has_error("range_low"):
            self.add_error("range_high", "The top of the range must be above its bottom.")
        return cleaned

    def save(self, commit=True):
        self.instance.user_id = self.profile.user_id
        return super().save(commit)
