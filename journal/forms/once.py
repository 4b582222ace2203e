from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


class SentOnce:
    """Mixed in first into a ModelForm that creates an entry a phone may send twice: a one-tap form whose reply was
    lost, or which the offline queue (static/js/offline-queue.js) sends again once the connection is back.

    The page adds a fresh `idempotency_key` (a UUID) to each entry it sends. A key this person has already used
    saves nothing more: the form is valid and `save()` hands back the entry saved the first time, so the view
    answers as it did then. Without a key the form works as before. The model has `idempotency_key` and the
    `sent_once` constraint (journal/models.py); the form's instance carries its user from `__init__` on.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent_before = None
        if self.instance.pk is None:
            self.fields["idempotency_key"] = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def is_valid(self):
        self.sent_before = self._entry_with_this_key()
        return self.sent_before is not None or super().is_valid()

    def _entry_with_this_key(self):
        field = self.fields.get("idempotency_key")
        if field is None or not self.is_bound:
            return None
        sent = field.widget.value_from_datadict(self.data, self.files, self.add_prefix("idempotency_key"))
        try:
            key = field.clean(sent)
        except ValidationError:
            return None  # the form's own cleaning reports it
        if key is None:
            return None
        return type(self.instance).objects.filter(user_id=self.instance.user_id, idempotency_key=key).first()

    def save(self, commit=True):
        if self.sent_before is None:
            self.instance.idempotency_key = self.cleaned_data.get("idempotency_key")
            if not commit or self.instance.idempotency_key is None:
                return super().save(commit)
            try:
                with transaction.atomic():
                    return super().save(commit)
            except IntegrityError:
                # The same key twice at the same moment: the other request saved the entry first.
                self.sent_before = self._entry_with_this_key()
                if self.sent_before is None:
                    raise
        self.instance = self.sent_before
        return self.sent_before
