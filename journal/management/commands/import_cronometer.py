from django.core.management.base import BaseCommand, CommandError

from journal import cronometer
from journal.management.commands._user import read_bytes, user_named
from journal.models import Profile


class Command(BaseCommand):
    help = "Import Cronometer's servings export (CSV) as one person's meal entries; rows imported before are skipped."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The username to import for.")
        parser.add_argument("file", help="The servings CSV exported from Cronometer.")

    def handle(self, *args, user, file, **options):
        account = user_named(user)
        try:
            rows = cronometer.read_servings(read_bytes(file), Profile.for_user(account).today())
        except cronometer.CronometerError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        added, already = cronometer.import_rows(account, rows)
        days = len({row.day for row in rows})
        self.stdout.write(f"Days: {days}")
        self.stdout.write(f"Rows: {len(rows)} ({added} imported, {already} imported before)")
        self.stdout.write(f"Rows without a magnesium figure: {cronometer.without_magnesium(rows)}")
