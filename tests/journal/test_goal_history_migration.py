"""A doctor's goal set before goal history existed stays in force for every day, as it was shown until then."""

import importlib
from datetime import date

from django.apps import apps

from journal.models import DoctorGoal, Profile

migration = importlib.import_module("journal.migrations.0002_goal_history_and_day_marks")


def test_a_goal_set_before_history_holds_from_the_first_diary_day(user, other_user):
    Profile.objects.create(user=user, doctor_goal_mg=500)
    Profile.objects.create(user=other_user)  # no doctor's goal: nothing to record

    migration.goals_already_set(apps, schema_editor=None)

    assert list(DoctorGoal.objects.values_list("user__username", "start", "mg")) == [("alice", date(1900, 1, 1), 500)]
