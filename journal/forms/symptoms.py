from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from journal.forms.moments import LocalMomentForm
from journal.models import HEART_RATE_BOUNDS_BPM, SymptomNote

SCORE_HELP = {
    "sleep_quality": "0 = very poor, 10 = the best sleep.",
}


class ScoreInput(forms.NumberInput):
    """0-10 as a number box: big enough to tap on a phone and readable by screen readers."""

    def __init__(self):
        super().__init__(attrs={"min": 0, "max": 10, "step": 1, "inputmode": "numeric"})


def heart_rate_field(label, help_text=""):
    low, high = HEART_RATE_BOUNDS_BPM
    return forms.IntegerField(label=label, required=False, min_value=low, max_value=high, help_text=help_text)


class SymptomNoteForm(LocalMomentForm):
    moment_field = "recorded_at"
    heart_rate_lying = heart_rate_field("Heart rate lying down (bpm)")
    heart_rate_standing = heart_rate_field(
        "Heart rate standing (bpm)", "Measured after standing still for up to 10 minutes."
    )

    class Meta:
        model = SymptomNote
        fields = ["recorded_at", *SymptomNote.SCORES, "heart_rate_lying", "heart_rate_standing", "text"]
        labels = {"text": "Notes"}
        widgets = {name: ScoreInput() for name in SymptomNote.SCORES} | {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SymptomNote.SCORES:
            field = self.fields[name]
            field.label = field.label.capitalize()
            field.help_text = SCORE_HELP.get(name, "0 = none, 10 = the worst.")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save note"))
