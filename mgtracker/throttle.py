"""Throttling of the ways into an account, with django-axes counting failures per username and per address."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import IntegrityError


def client_ip(request):
    """The client's address: what the last trusted proxy appended to X-Forwarded-For, or the connecting address.

    Entries further left were written by the client and could be anything, so only the proxies' own count."""
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if settings.TRUSTED_PROXIES and len(forwarded) >= settings.TRUSTED_PROXIES:
        return forwarded[-settings.TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR")


def count_as_failure(request, username, sender):
    """Record a failure for this username and the request's address, as a wrong password is recorded."""
    user_login_failed.send(sender=sender, credentials={"username": username}, request=request)


class CollisionSafeDatabaseHandler(AxesDatabaseHandler):
    """Axes' database handler, counting a failure again when it collides with another request's.

    Two requests counting the first failure of one name at once both find no row and both insert one; axes then
    looks the row up again, but a successful log-in in between may have deleted it (AXES_RESET_ON_SUCCESS), and the
    insert's IntegrityError would be a 500. Counting again records this failure against whatever row is there now."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
        except IntegrityError:
            super().user_login_failed(sender, credentials, request, **kwargs)
