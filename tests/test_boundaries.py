"""The food database knows nothing of who ate what: no module of `foods` imports `journal`."""

import ast
from pathlib import Path

FOODS = Path(__file__).resolve().parent.parent / "foods"


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_foods_module_imports_journal():
    offenders = [
        f"{path.relative_to(FOODS.parent)} imports {module}"
        for path in FOODS.rglob("*.py")
        for module in imported_modules(path)
        if module == "journal" or module.startswith("journal.")
    ]
    assert offenders == []
