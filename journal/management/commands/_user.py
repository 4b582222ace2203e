from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def user_named(username):
    """The account of that username, or a CommandError saying there is none."""
    try:
        return get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No user named {username!r}.") from None


def read_bytes(path):
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
