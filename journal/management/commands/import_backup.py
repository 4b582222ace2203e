from django.core.management.base import BaseCommand, CommandError

from journal.backup import BackupError, read_backup, restore_backup
from journal.management.commands._user import read_bytes, user_named


class Command(BaseCommand):
    help = "Restore a backup file (docs/backup-format.md) into one person's empty account: all of it or nothing."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The username to restore into; their account must be empty.")
        parser.add_argument("file", help="The backup JSON file.")

    def handle(self, *args, user, file, **options):
        account = user_named(user)
        try:
            counts = restore_backup(account, read_backup(read_bytes(file)))
        except BackupError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(f"Restored {file} into {user}.")
