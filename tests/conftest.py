from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from tests import builders

PASSWORD = "correct-horse-battery-staple"

# Noon UTC on Saturday 28 November 2026: one calendar day from UTC-11 to UTC+11 (Pacific/Kiritimati, UTC+14, is
# already on Sunday), and after every fixed date the tests log on, as the real day was when they were written.
FROZEN_NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen_now():
    """The clock stopped at FROZEN_NOW in the whole process, the live server's thread too: a test of "today"
    cannot fail for running across midnight or in another time zone."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield FROZEN_NOW


@pytest.fixture
def make_user(db):
    def make(username="alice", **extra):
        return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)

    return make


@pytest.fixture
def user(make_user):
    return make_user("alice", email="alice@example.com")


@pytest.fixture
def other_user(make_user):
    return make_user("bob", email="bob@example.com")


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def pumpkin_seeds(db):
    return builders.pumpkin_seeds()


@pytest.fixture
def spinach(db):
    return builders.spinach()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a database file, as the site does, not one in-memory connection shared by every thread:
    the live server's threads then each have their own connection and meet WAL, the busy timeout and immediate
    transactions as concurrent requests do in production."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")
