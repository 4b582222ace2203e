import pytest
from django.contrib.auth import get_user_model

from tests import builders

PASSWORD = "correct-horse-battery-staple"


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
