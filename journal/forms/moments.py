"""Date-and-time fields read and shown in the user's own time zone."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from journal.models import EARLIEST_DATE

# Logging ahead is allowed up to a day (an evening dose noted in the morning); more is a slip.
LATEST_AHEAD = timedelta(days=1)


class LocalMomentForm(forms.ModelForm):
    """A ModelForm whose `moment_field` is typed in the profile's time zone, and which stores the local date.

    `day` (from ?date=) proposes that day at the current time of day; otherwise the default is now.
    """

    moment_field = None  # set by subclasses: "taken_at", "recorded_at"

    def __init__(self, *args, profile, day=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        field = self.fields[self.moment_field]
        field.label = "Date and time"
        field.widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        # A naive local value is rendered as is; an aware one would be shown in the server's zone.
        self.initial[self.moment_field] = self.proposed_moment(day).replace(tzinfo=None, second=0, microsecond=0)

    def proposed_moment(self, day):
        if self.instance.pk:
            return getattr(self.instance, self.moment_field).astimezone(self.profile.zone)
        return self.profile.moment_on(day or self.profile.today())

    def full_clean(self):
        # Typed times mean the user's local time, whatever the server's zone.
        with timezone.override(self.profile.zone):
            super().full_clean()

    def clean(self):
        cleaned = super().clean()
        moment = cleaned.get(self.moment_field)
        if moment is None:
            return cleaned
        # The limit is on the user's calendar, as for meals: 23:00 on 31 Dec 1899 in Pago Pago is already 1900 in UTC.
        if self.profile.local_date(moment) < EARLIEST_DATE:
            self.add_error(self.moment_field, "Enter a date from 1900 on.")
        elif moment > timezone.now() + LATEST_AHEAD:
            self.add_error(self.moment_field, "That is more than a day ahead: enter when it happened.")
        else:
            self.instance.user_id = self.profile.user_id
            self.instance.date = self.profile.local_date(moment)
        return cleaned
