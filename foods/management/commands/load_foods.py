import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from foods.usda import ReleaseError, collect
from foods.usda.report import Report
from foods.usda.table import TABLE_DIR, read_table
from foods.usda.writer import save_foods


class Command(BaseCommand):
    help = (
        "Load the project's curated food table (foods/data/foods.csv and portions.csv) into the database. "
        "Safe to run on every start: foods already in line are left untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--table", type=Path, default=TABLE_DIR,
            help="folder holding foods.csv and portions.csv (default: %(default)s)",
        )

    def handle(self, table, **options):
        started = time.monotonic()
        report = Report(self.stdout)
        try:
            records, rejected = collect(read_table(table))
        except ReleaseError as error:
            raise CommandError(str(error)) from error
        written = save_foods(records)
        self.stdout.write(f"Curated food table ({table})")
        report.written(records, written)
        if rejected:
            report.skipped(rejected)
        self.stdout.write(f"  Took {time.monotonic() - started:.1f} s.")
