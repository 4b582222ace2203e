"""The food database knows nothing of who ate what: foods never imports the journal."""

import ast
from pathlib import Path

from django.core.checks import run_checks
from django.test import override_settings

import foods

FOODS_DIR = Path(foods.__file__).parent


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_foods_module_imports_the_journal():
    found = [
        f"{path.relative_to(FOODS_DIR)} imports {module}"
        for path in FOODS_DIR.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] == "journal"
    ]
    assert found == []


@override_settings(FOOD_PAGE_GOAL="journal.models.no_such_goal")
def test_a_mistyped_food_page_goal_stops_start_up():
    errors = [error for error in run_checks() if error.id == "foods.E001"]
    assert len(errors) == 1
    assert "journal.models.no_such_goal" in errors[0].msg


def test_the_configured_food_page_goal_passes_the_check():
    assert [error for error in run_checks() if error.id == "foods.E001"] == []
