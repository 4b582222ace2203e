"""Forms of "Your data": restore a backup, import from Cronometer, delete the account."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from journal import backup, cronometer

MAX_BACKUP_BYTES = 50 * 1024 * 1024  # years of a diary are a few MB of JSON; more is not a backup of this app
UPLOAD_ENVELOPE_BYTES = 64 * 1024  # what a request holds beside the file: the CSRF token, part headers


def file_field(label, limit):
    # A file over the limit is not read at all (see journal.views.data.InMemoryUpload), so it arrives as no file.
    megabytes = limit // (1024 * 1024)
    return forms.FileField(label=label, error_messages={"required": f"Choose a file of at most {megabytes} MB."})


def _read(upload, limit):
    if upload.size > limit:
        raise forms.ValidationError(f"The file is larger than {limit // (1024 * 1024)} MB.")
    return upload.read()


class RestoreForm(forms.Form):
    file = file_field("Backup file (.json)", MAX_BACKUP_BYTES)

    def __init__(self, *args, **kwargs):
        # Ids of its own: the Cronometer form is on the same page, and each label must find its own input.
        super().__init__(*args, auto_id="backup_%s", **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = "journal:restore"
        self.helper.add_input(Submit("submit", "Restore", css_class="btn-outline-primary", css_id="restore-backup"))

    def clean_file(self):
        try:
            return backup.read_backup(_read(self.cleaned_data["file"], MAX_BACKUP_BYTES))
        except backup.BackupError as error:
            raise forms.ValidationError(str(error)) from None


class CronometerForm(forms.Form):
    file = file_field("Cronometer servings export (.csv)", cronometer.MAX_FILE_BYTES)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, auto_id="cronometer_%s", **kwargs)
        self.today = today
        self.helper = FormHelper()
        self.helper.form_action = "journal:cronometer_upload"
        self.helper.add_input(Submit("submit", "Preview", css_class="btn-outline-primary", css_id="preview-cronometer"))

    def clean_file(self):
        try:
            return cronometer.read_servings(_read(self.cleaned_data["file"], cronometer.MAX_FILE_BYTES), self.today)
        except cronometer.CronometerError as error:
            raise forms.ValidationError(str(error)) from None


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Delete my account and all my data", css_class="btn-danger"))

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password: nothing was deleted.")
        return password
