from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


class SentOnceByKey:
    """Mixed in first into a form that creates one entry a phone may send twice: a one-tap form whose reply was lost,
    or which the offline queue (static/js/offline-queue.js) sends again once the connection is back.

    The page adds a fresh `idempotency_key` (a UUID) to each entry it sends. A key this person has already used
    saves nothing more: the form is valid and `save_once()` hands back the entry saved the first time, so the view
    answers as it did then. Without a key the form works as before. The entry's model has `idempotency_key` and
    the `sent_once` constraint (journal/models.py). A form says where its entries are (`entries_sent`) and saves
    a new one through `save_once`; a ModelForm mixes in `SentOnce`, which does both.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent_before = None
        if self.creates_an_entry():
            self.fields["idempotency_key"] = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def creates_an_entry(self):
        return True

    def entries_sent(self):
        """This person's entries of the kind the form creates."""
        raise NotImplementedError

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
        return self.entries_sent().filter(idempotency_key=key).first()

    def save_once(self, save_new):
        """The entry saved the first time this key came, else `save_new(key)`'s (the key may be None)."""
        if self.sent_before is None:
            key = self.cleaned_data.get("idempotency_key")
            if key is None:
                return save_new(key)
            try:
                with transaction.atomic():
                    return save_new(key)
            except IntegrityError:
                # The same key twice at the same moment: the other request saved the entry first.
                self.sent_before = self._entry_with_this_key()
                if self.sent_before is None:
                    raise
        return self.sent_before


class SentOnce(SentOnceByKey):
    """SentOnceByKey for a ModelForm, mixed in first; the form's instance carries its user from `__init__` on."""

    def creates_an_entry(self):
        return self.instance.pk is None

    def entries_sent(self):
        return type(self.instance).objects.filter(user_id=self.instance.user_id)

    def save(self, commit=True):
        self.instance = self.save_once(lambda key: self._save_new(key, commit))
        return self.instance

    def _save_new(self, key, commit):
        self.instance.idempotency_key = key
        return super().save(commit)
