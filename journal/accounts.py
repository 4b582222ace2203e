"""Deleting an account: every row of the person's goes with it, their sessions and the log-in records that name
them too."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


@transaction.atomic
def delete_account(user):
    username, user_id = user.get_username(), str(user.pk)
    # Every table of theirs refers to the user with on_delete=CASCADE, their custom foods (Food.owner) included.
    user.delete()
    # django-axes keeps log-ins and failures by username and address, without a foreign key: they go by name.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
    # Their sessions on other devices hold their id and may hold rows of a file waiting to be imported. Sessions are
    # not indexed by user, so each live one is read: deleting an account is rare, and a site has few live sessions.
    theirs = [
        session.pk for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    Session.objects.filter(pk__in=theirs).delete()
