"""settings.FOOD_PAGE_GOAL names the journal's goal for the food pages; a mistyped path stops start-up.

That foods imports nothing of the journal is proven by tests/test_boundaries.py.
"""

from django.core.checks import run_checks
from django.test import override_settings


def goal_check_errors():
    return [error for error in run_checks() if error.id == "foods.E001"]


@override_settings(FOOD_PAGE_GOAL="journal.models.no_such_goal")
def test_a_mistyped_food_page_goal_stops_start_up():
    [error] = goal_check_errors()
    assert "FOOD_PAGE_GOAL='journal.models.no_such_goal' cannot be imported" in error.msg


def test_the_configured_food_page_goal_passes_the_check():
    assert goal_check_errors() == []
