from zoneinfo import available_timezones

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import transaction

from journal.models import EARLIEST_DATE, Profile

# A doctor's goal outside these bounds is a typing slip: 2000 mg is over five times any RDA.
DOCTOR_GOAL_BOUNDS_MG = (1, 2000)


def time_zone_choices():
    # The "posix/" and "right/" trees duplicate the real zones under other names.
    zones = sorted(zone for zone in available_timezones() if not zone.startswith(("posix/", "right/")))
    return [(zone, zone.replace("_", " ")) for zone in zones]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, help_text="Your days start and end at midnight here.")
    doctor_goal_mg = forms.IntegerField(
        label="Daily goal set by your doctor (mg)", required=False,
        min_value=DOCTOR_GOAL_BOUNDS_MG[0], max_value=DOCTOR_GOAL_BOUNDS_MG[1],
        help_text="Optional. When set it replaces the RDA as your daily goal from today on; past days keep theirs.",
    )

    class Meta:
        model = Profile
        fields = ["birth_date", "sex", "life_stage", "time_zone", "doctor_goal_mg"]
        labels = {"life_stage": "Pregnant or breastfeeding"}
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].help_text = "Your age picks the row of the NIH table that applies to you."
        self.fields["sex"].choices = [("", "Not given"), *Profile.Sex.choices]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save profile"))

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        # The user's own today: just after midnight in Sydney, the server's date is still yesterday.
        if birth_date is not None and birth_date > self.instance.today():
            raise forms.ValidationError("A birth date cannot be in the future.")
        if birth_date is not None and birth_date < EARLIEST_DATE:
            raise forms.ValidationError("Enter a birth date from 1900 on.")
        return birth_date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("life_stage") and cleaned.get("sex") != Profile.Sex.FEMALE:
            self.add_error("life_stage", "Pregnancy and breastfeeding apply only when sex is female.")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        profile = super().save(commit)
        if commit and "doctor_goal_mg" in self.changed_data:
            profile.set_doctor_goal(profile.doctor_goal_mg)
        return profile
