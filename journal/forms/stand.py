"""The stand test's one form: the guided page and the plain page post the same fields."""

from dataclasses import dataclass

from django import forms
from django.db import transaction

from journal.forms.moments import LocalMomentForm
from journal.models import (
    DIASTOLIC_BOUNDS_MMHG,
    HEART_RATE_BOUNDS_BPM,
    SYSTOLIC_BOUNDS_MMHG,
    StandReading,
    StandTest,
)

SUPINE, STANDING = StandReading.Position.SUPINE, StandReading.Position.STANDING
PARTS = ("heart_rate", "systolic", "diastolic")


def reading_field(label, bounds, unit, what):
    low, high = bounds
    message = f"A {what} is between {low} and {high} {unit}: check the reading."
    return forms.IntegerField(
        label=label, required=False, min_value=low, max_value=high,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
        error_messages={"min_value": message, "max_value": message, "invalid": f"Enter the {what} as a whole number."},
    )


@dataclass(frozen=True)
class ReadingRow:
    """One reading's three boxes, named `{position}_{minute}_heart_rate` and so on."""

    position: str
    minute: int
    label: str
    form: forms.Form

    def name(self, part):
        return f"{self.position}_{self.minute}_{part}"

    @property
    def heart_rate(self):
        return self.form[self.name("heart_rate")]

    @property
    def systolic(self):
        return self.form[self.name("systolic")]

    @property
    def diastolic(self):
        return self.form[self.name("diastolic")]

    @property
    def errors(self):
        return [error for part in PARTS for error in self.form[self.name(part)].errors]

    def value(self, part):
        return self.form.cleaned_data.get(self.name(part))


class StandTestForm(LocalMomentForm):
    moment_field = "started_at"
    symptoms = forms.MultipleChoiceField(
        label="Symptoms felt while standing", choices=StandTest.Symptom.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = StandTest
        fields = ["started_at", "tag", "symptoms", "stopped_early", "text"]
        labels = {"tag": "This test is", "stopped_early": "Stopped early because", "text": "Notes"}
        widgets = {"tag": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_at"].label = "Started at"
        self.fields["stopped_early"].choices = [("", "It did not: I stood the full 10 minutes"),
                                                *StandTest.StopReason.choices]
        self.rows = [
            *(ReadingRow(SUPINE, minute, f"Lying, reading {minute}", self) for minute in
              range(1, StandTest.SUPINE_READINGS + 1)),
            *(ReadingRow(STANDING, minute, f"Minute {minute}", self) for minute in
              range(1, StandTest.STANDING_MINUTES + 1)),
        ]
        existing = {(reading.position, reading.minute): reading for reading in self.instance.readings.all()} \
            if self.instance.pk else {}
        for row in self.rows:
            self.fields[row.name("heart_rate")] = reading_field("Heart rate (bpm)", HEART_RATE_BOUNDS_BPM, "bpm",
                                                                "heart rate")
            self.fields[row.name("systolic")] = reading_field("Systolic (mmHg)", SYSTOLIC_BOUNDS_MMHG, "mmHg",
                                                              "systolic pressure")
            self.fields[row.name("diastolic")] = reading_field("Diastolic (mmHg)", DIASTOLIC_BOUNDS_MMHG, "mmHg",
                                                               "diastolic pressure")
            if reading := existing.get((row.position, row.minute)):
                for part in PARTS:
                    self.initial[row.name(part)] = getattr(reading, part)

    @property
    def supine_rows(self):
        return [row for row in self.rows if row.position == SUPINE]

    @property
    def standing_rows(self):
        return [row for row in self.rows if row.position == STANDING]

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            self._check_row(row)
        if not any(row.value("heart_rate") for row in self.supine_rows):
            self.add_error(self.supine_rows[0].name("heart_rate"), "Enter at least one heart rate lying down.")
        stopped_early = cleaned.get("stopped_early")
        missing = [row.minute for row in self.standing_rows if row.value("heart_rate") is None]
        if missing and not stopped_early and "stopped_early" not in self.errors:
            minutes = ", ".join(str(minute) for minute in missing)
            self.add_error("stopped_early", f"No heart rate at minute {minutes}: enter every minute, or say why "
                                            "the test stopped early.")
        if stopped_early == StandTest.StopReason.OTHER and not cleaned.get("text", "").strip():
            self.add_error("text", "Say in the notes why the test stopped.")
        return cleaned

    def _check_row(self, row):
        names = [row.name(part) for part in PARTS]
        if any(name in self.errors for name in names):
            return
        heart_rate, systolic, diastolic = (row.value(part) for part in PARTS)
        if (systolic is None) != (diastolic is None):
            self.add_error(names[1], "Enter both blood pressure figures, systolic and diastolic, or neither.")
        elif systolic is not None and diastolic >= systolic:
            self.add_error(names[2], "The diastolic pressure (the lower figure) must be below the systolic.")
        elif systolic is not None and heart_rate is None:
            self.add_error(names[0], "Enter the heart rate of this reading too.")

    def readings(self):
        return [
            StandReading(
                test=self.instance, position=row.position, minute=row.minute, heart_rate=row.value("heart_rate"),
                systolic=row.value("systolic"), diastolic=row.value("diastolic"),
            )
            for row in self.rows if row.value("heart_rate") is not None
        ]

    @transaction.atomic
    def save(self):
        """The test and all its readings, or nothing."""
        test = super().save()
        test.readings.all().delete()
        StandReading.objects.bulk_create(self.readings())
        return test
