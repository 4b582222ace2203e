"""Small cuts of the official USDA release files, and a helper to import them.

sr28/, foundation/ and fndds/ hold a dozen foods each, copied byte for byte from
the releases in shared/data/usda, plus a few rows broken on purpose (see README.md).
"""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

SAMPLES = Path(__file__).parent
SR28, FOUNDATION, FNDDS = SAMPLES / "sr28", SAMPLES / "foundation", SAMPLES / "fndds"


def import_usda(path):
    """Run `manage.py import_usda PATH` and return what it printed."""
    out = StringIO()
    call_command("import_usda", str(path), stdout=out)
    return out.getvalue()
