import re
from datetime import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import IntegrityError, transaction

from journal.forms.days import ForALivedDay
from journal.forms.moments import LocalMomentForm
from journal.medicines import notes_for_dose
from journal.models import EARLIEST_DATE, Medicine, MedicineDose

TIME_OF_DAY = re.compile(r"([01]?\d|2[0-3])[:.h]([0-5]\d)")


class MedicineForm(forms.ModelForm):
    usual_times = forms.CharField(
        label="Usual times", required=False, max_length=100,
        help_text="The times of day you usually take it, such as “08:00, 20:00”: the day page then logs each "
                  "in one tap.",
    )

    class Meta:
        model = Medicine
        fields = ["name", "kind", "dose", "usual_times", "started_on", "stopped_on"]
        labels = {"started_on": "Started on", "stopped_on": "Stopped on"}
        help_texts = {
            "kind": "Some kinds of medicine need spacing from magnesium, and some change the body's magnesium; "
                    "“Other” for the rest.",
            "stopped_on": "Leave empty while you still take it.",
        }
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ("started_on", "stopped_on")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["usual_times"] = ", ".join(self.instance.usual_times)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save medicine"))

    def clean_usual_times(self):
        text = self.cleaned_data["usual_times"].strip()
        pieces = [piece for piece in re.split(r"[,;\s]+", text) if piece]
        times = set()
        for piece in pieces:
            match = TIME_OF_DAY.fullmatch(piece)
            if match is None:
                raise forms.ValidationError(f"“{piece}” is not a time of day: write times as 08:00 or 20:30.")
            times.add(f"{int(match[1]):02d}:{match[2]}")
        if len(times) > Medicine.MAX_USUAL_TIMES:
            raise forms.ValidationError(f"Give at most {Medicine.MAX_USUAL_TIMES} usual times.")
        return sorted(times)

    def clean_started_on(self):
        started_on = self.cleaned_data["started_on"]
        if started_on < EARLIEST_DATE:
            raise forms.ValidationError("Enter a date from 1900 on.")
        return started_on

    def clean(self):
        cleaned = super().clean()
        started_on, stopped_on = cleaned.get("started_on"), cleaned.get("stopped_on")
        if started_on and stopped_on and stopped_on < started_on:
            self.add_error("stopped_on", "The stop date comes before the start date: check both.")
        return cleaned


class MedicineDoseForm(LocalMomentForm):
    """A dose of one of the person's medicines at any time."""

    moment_field = "taken_at"

    class Meta:
        model = MedicineDose
        fields = ["medicine", "taken_at"]

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        self.fields["medicine"].queryset = Medicine.objects.filter(user_id=profile.user_id)
        self.fields["medicine"].empty_label = None
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save dose"))

    def clean(self):
        cleaned = super().clean()
        medicine, taken_at = cleaned.get("medicine"), cleaned.get("taken_at")
        if medicine is not None and taken_at is not None:
            already = MedicineDose.objects.filter(medicine=medicine, taken_at=taken_at).exclude(pk=self.instance.pk)
            if already.exists():
                self.add_error("taken_at", f"A dose of {medicine.name} at that time is already logged.")
        return cleaned


class UsualDoseForm(ForALivedDay, forms.Form):
    """One tap on the day page: this medicine, taken at one of its usual times that day. Tapping twice logs it
    once."""

    medicine = forms.ModelChoiceField(queryset=Medicine.objects.none())
    at = forms.TimeField()

    future_day_message = "A day still to come cannot have doses: log them once they are taken."

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["medicine"].queryset = Medicine.objects.filter(user=user)

    def clean(self):
        cleaned = super().clean()
        medicine, at = cleaned.get("medicine"), cleaned.get("at")
        if medicine is not None and not medicine.taken_on(self.day):
            raise forms.ValidationError(f"{medicine.name} was not being taken on this day (see its start and stop "
                                        "dates), so nothing was logged.")
        if medicine is not None and at is not None:
            self.taken_at = datetime.combine(self.day, at, self.profile.zone)
            # A dose in the future would count as taken, in adherence and timing notes, before it happened.
            if self.taken_at > self.profile.now():
                raise forms.ValidationError(f"It is not {at:%H:%M} yet: tap once {medicine.name} is taken, or log "
                                            "it at the time taken with “Log a medicine dose”.")
        return cleaned

    def save(self):
        medicine = self.cleaned_data["medicine"]
        try:
            with transaction.atomic():
                self.dose, self.created = MedicineDose.objects.get_or_create(
                    medicine=medicine, taken_at=self.taken_at, defaults={"user": self.user, "date": self.day},
                )
        except IntegrityError:  # the same tap, landed at the same moment from another request
            self.dose, self.created = MedicineDose.objects.get(medicine=medicine, taken_at=self.taken_at), False
        return self.dose

    def saved_message(self):
        did = "Logged" if self.created else "Already logged"
        return f"{did}: {self.dose.medicine} at {self.taken_at:%H:%M}."

    def warnings(self):
        return [note.text for note in notes_for_dose(self.profile, self.dose)]
