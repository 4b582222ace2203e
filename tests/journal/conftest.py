from datetime import date, timedelta

import pytest

from journal.models import Profile
from tests import builders


@pytest.fixture
def today(user, frozen_now):
    return Profile.for_user(user).today()


@pytest.fixture
def yesterday(today):
    return today - timedelta(days=1)


@pytest.fixture
def log_food(user, today):
    """builders.log_food for Alice (or `owner`), on today unless a day is given."""

    def log(food, amount, portion=None, day=None, meal="breakfast", owner=None):
        return builders.log_food(owner or user, food, amount, day or today, meal=meal, portion=portion)

    return log


@pytest.fixture
def woman_of_40(user, today):
    """Alice, 40: her goal is the RDA for females 31-50 years, 320 mg."""
    profile = Profile.for_user(user)
    profile.birth_date, profile.sex = date(today.year - 40, 1, 1), "female"
    profile.save()
    return user
