from decimal import Decimal
from zoneinfo import available_timezones

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import transaction

from journal.models import EARLIEST_DATE, MAX_FLUID_ML_A_DAY, Profile

# A doctor's goal outside these bounds is a typing slip: 2000 mg is over five times any RDA.
DOCTOR_GOAL_BOUNDS_MG = (1, 2000)
# A fluid target above 20 L a day is a slip (the journal's own bound for a day's fluid); below 100 ml too.
FLUID_TARGET_BOUNDS_ML = (100, MAX_FLUID_ML_A_DAY)
# The POTS guidance goes up to 10 g of salt a day (journal/learn.html); 50 g of salt or sodium is a slip.
SODIUM_TARGET_MAX_G = Decimal(50)


def time_zone_choices():
    # The "posix/" and "right/" trees duplicate the real zones under other names.
    zones = sorted(zone for zone in available_timezones() if not zone.startswith(("posix/", "right/")))
    return [(zone, zone.replace("_", " ")) for zone in zones]


class ProfileBasicsForm(forms.ModelForm):
    """What the goal and the days need: age, sex, life stage, time zone, and a doctor's goal if there is one. The
    first-run step after sign-up asks these alone; the profile page asks them with the clinician's targets."""

    submit_label = "Save profile"
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
        self.helper.add_input(Submit("submit", self.submit_label))

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


class FirstRunForm(ProfileBasicsForm):
    """The step after sign-up. The time zone is proposed from the browser's (static/js/time-zone.js)."""

    submit_label = "Save and go to Today"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a zone never chosen is replaced by the browser's; a refused form shows what the person chose.
        never_chosen = self.instance.time_zone == Profile._meta.get_field("time_zone").default
        if never_chosen and not self.is_bound:
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = ""
        self.fields["time_zone"].help_text += " Proposed from this device's settings."


class ProfileForm(ProfileBasicsForm):
    fluid_target = forms.DecimalField(
        label="Fluid a day, as your clinician gave it", required=False, min_value=Decimal("0.001"), max_digits=8,
        decimal_places=3, help_text="Optional: there is no default. In litres or ml, as chosen beside it.",
    )
    sodium_target_g = forms.DecimalField(
        label="Salt or sodium a day (g), as your clinician gave it", required=False, min_value=Decimal("0.01"),
        max_value=SODIUM_TARGET_MAX_G, max_digits=5, decimal_places=2,
        help_text="Optional: there is no default. Salt and sodium differ: 1 g of salt holds about 393 mg of sodium.",
    )

    class Meta(ProfileBasicsForm.Meta):
        fields = [
            *ProfileBasicsForm.Meta.fields, "fluid_target", "fluid_target_unit", "sodium_target_g", "sodium_target_as",
            "kidney_disease",
        ]
        labels = {
            **ProfileBasicsForm.Meta.labels, "fluid_target_unit": "Fluid target in",
            "sodium_target_as": "The salt or sodium target is in",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kidney_disease"].help_text = (
            "The kidneys clear extra magnesium: with this on, the supplement pages say to take supplements only as "
            "your doctor directs."
        )
        for unit in ("fluid_target_unit", "sodium_target_as"):
            self.fields[unit].required = False  # a unit means nothing without its target; the default stands
        if self.instance.fluid_target_ml is not None:
            ml = Decimal(self.instance.fluid_target_ml)
            self.initial["fluid_target"] = ml / 1000 if self.instance.fluid_target_unit == "L" else ml

    def clean_fluid_target_unit(self):
        return self.cleaned_data["fluid_target_unit"] or Profile._meta.get_field("fluid_target_unit").default

    def clean_sodium_target_as(self):
        return self.cleaned_data["sodium_target_as"] or Profile._meta.get_field("sodium_target_as").default

    def clean(self):
        cleaned = super().clean()
        fluid, unit = cleaned.get("fluid_target"), cleaned.get("fluid_target_unit")
        if fluid is not None and unit:
            ml = fluid * 1000 if unit == "L" else fluid
            low, high = FLUID_TARGET_BOUNDS_ML
            if not low <= ml <= high:
                self.add_error("fluid_target", (
                    f"That is {ml.normalize():,f} ml a day; give a target from {low} ml to {high:,} ml (20 L): "
                    "check the unit, litres or ml."
                ))
            elif ml != ml.to_integral_value():
                self.add_error("fluid_target", "Give the target to the whole ml.")
            else:
                self.instance.fluid_target_ml = int(ml)
        elif fluid is None:
            self.instance.fluid_target_ml = None
        return cleaned
