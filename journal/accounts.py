"""Deleting an account: every row of the person's goes with it, the log-in records that name them too."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction


@transaction.atomic
def delete_account(user):
    username = user.get_username()
    # Every table of theirs refers to the user with on_delete=CASCADE, their custom foods (Food.owner) included.
    user.delete()
    # django-axes keeps log-ins and failures by username and address, without a foreign key: they go by name.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
