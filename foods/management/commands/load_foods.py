from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the project's curated food table (foods/data/) into the database."

    def handle(self, *args, **options):
        self.stdout.write("No curated food table yet.")
