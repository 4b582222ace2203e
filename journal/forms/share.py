from django import forms

from journal.forms.export import DateRangeForm
from journal.models import ShareLink


class ShareLinkForm(DateRangeForm):
    """The period of the report to share, how long the link works, and a note shown above the shared report."""

    days = forms.IntegerField(
        label="Link works for (days)", initial=ShareLink.DEFAULT_DAYS, min_value=1, max_value=ShareLink.MAX_DAYS,
        error_messages={
            "min_value": "Choose at least 1 day.",
            "max_value": f"Choose at most {ShareLink.MAX_DAYS} days: a link works for a year at most.",
        },
        help_text=f"{ShareLink.DEFAULT_DAYS} days unless you choose otherwise; a year ({ShareLink.MAX_DAYS} days) "
                  "at most. You can revoke it at any time.",
    )
    note = forms.CharField(
        label="Note for the doctor (optional, shown above the report)", required=False,
        max_length=ShareLink.NOTE_LENGTH,
        widget=forms.TextInput(attrs={"placeholder": "e.g. For Dr Rivera: the dizzy spells began in week 2"}),
    )
    submit_label = "Make the link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "post"
