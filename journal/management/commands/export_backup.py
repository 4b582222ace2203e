from django.core.management.base import BaseCommand, CommandError

from journal.backup import backup_json
from journal.management.commands._user import user_named


class Command(BaseCommand):
    help = "Write all of one person's data to a backup file (docs/backup-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The username whose data to write.")
        parser.add_argument("file", help="The JSON file to write.")

    def handle(self, *args, user, file, **options):
        content = backup_json(user_named(user))
        try:
            with open(file, "w", encoding="utf-8") as out:
                out.write(content)
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror}.") from None
        self.stdout.write(f"Wrote the backup of {user} to {file}.")
