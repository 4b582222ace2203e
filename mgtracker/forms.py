from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib.auth.forms import UserCreationForm
from django.db import IntegrityError, transaction


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "Optional. Needed only to reset a forgotten password."
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Create account"))

    def save(self, commit=True):
        """The new user, or None with the form's own message on the username when someone signed up with it
        between the form's check and this write (the database's unique username refused it)."""
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            username = self.cleaned_data["username"]
            if not self._meta.model.objects.filter(username__iexact=username).exists():
                raise
            self.add_error("username", self.instance.unique_error_message(self._meta.model, ["username"]))
            return None
