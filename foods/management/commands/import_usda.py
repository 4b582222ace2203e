import time

from django.core.management.base import BaseCommand, CommandError

from foods.usda import ReleaseError, collect, find_releases
from foods.usda.report import Report
from foods.usda.writer import save_foods


class Command(BaseCommand):
    help = (
        "Import USDA foods from an official release folder (SR28 ASCII, FoodData Central Foundation CSV or "
        "FNDDS 2021-2023 CSV), or from every release beneath a parent folder. Re-importing updates in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a release folder, or a folder holding several")

    def handle(self, path, **options):
        report = Report(self.stdout)
        try:
            for release in find_releases(path):
                started = time.monotonic()
                self.stdout.write(f"{release.name} ({release.folder})")
                records, rejected = collect(release.read())
                written = save_foods(records, progress=report.progress("saved"))
                report.written(records, written)
                report.skipped(rejected)
                self.stdout.write(f"  Took {time.monotonic() - started:.1f} s.")
        except ReleaseError as error:
            raise CommandError(str(error)) from error
