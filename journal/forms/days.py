from django import forms

from journal.models import EARLIEST_DATE, Profile


class ForALivedDay:
    """A form posted from a day page that acts on that day: the day must be in the diary and already lived (in the
    person's own time zone). Mixed into a Form or a ModelForm; `self.profile` is set once `clean` has run."""

    future_day_message = ""  # each form says it in its own words

    def __init__(self, *args, user, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.day = user, day

    def clean(self):
        cleaned = super().clean()
        self.profile = Profile.for_user(self.user)
        if self.day > self.profile.today():
            raise forms.ValidationError(self.future_day_message)
        if self.day < EARLIEST_DATE:
            raise forms.ValidationError("The diary starts on 1 January 1900.")
        return cleaned

    def warnings(self):
        """What the person should read about what was just saved, beside the saved message."""
        return []
