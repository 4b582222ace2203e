from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from foods.usda import ReleaseError, collect, find_releases
from foods.usda.table import TABLE_DIR, read_selection, write_table


class Command(BaseCommand):
    help = (
        "Rebuild the curated food table (foods/data/foods.csv and portions.csv) from the foods chosen in "
        "foods/data/selection.csv, read from the official USDA releases."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--usda", default=settings.USDA_DATA_DIR,
            help="folder holding the USDA releases (default: %(default)s)",
        )
        parser.add_argument(
            "--table", type=Path, default=TABLE_DIR,
            help="folder holding selection.csv, where foods.csv and portions.csv are written (default: %(default)s)",
        )

    def handle(self, usda, table, **options):
        try:
            chosen = read_selection(table)
            found = {}
            for release in find_releases(usda):
                records, _ = collect(release.read())
                found.update((record.key, record) for record in records)
        except ReleaseError as error:
            raise CommandError(str(error)) from error
        problems = selection_problems(chosen, found)
        if problems:
            raise CommandError("; ".join(problems))
        write_table([found[key] for key in chosen], table)
        self.stdout.write(f"Wrote {len(chosen)} foods to {table}.")


def selection_problems(chosen, found):
    """What keeps the chosen (source, source_id) pairs from making a table: all of it, not just the first."""
    problems = []
    missing = [key for key in chosen if key not in found]
    if missing:
        problems.append(f"not in the releases (or rejected as impossible): {_names(missing)}")
    without_portions = [key for key in chosen if key in found and not found[key].portions]
    if without_portions:
        problems.append(f"no household portion: {_names(without_portions)}")
    repeated = [key for key, times in Counter(chosen).items() if times > 1]
    if repeated:
        problems.append(f"listed twice: {_names(repeated)}")
    return problems


def _names(keys):
    return ", ".join(f"{source} {source_id}" for source, source_id in keys)
