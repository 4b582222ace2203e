from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from journal import day_stamps


@register(Tags.database)
def day_stamp_triggers_are_in_place(app_configs, databases=None, **kwargs):
    """A database without one of the day stamps' triggers would let the ledger give a kept Day after its rows changed
    (journal.ledger.days_of): a stale figure. Run by `manage.py check --database default` and before `migrate`; a
    database with migrations still to apply is left to them, since one of them may be what creates the triggers."""
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            continue
        _, _, names = day_stamps.triggers(connection.vendor, get_user_model()._meta.db_table)
        missing = sorted(set(names) - day_stamps.triggers_present(connection))
        if missing:
            errors.append(Error(
                f"The database {alias!r} lacks the day stamps' triggers {', '.join(missing)}: the ledger would give "
                "days as they were before their last writes.",
                hint="Create them again with journal.day_stamps.create_triggers (as migration 0013 does) in a "
                     "migration.",
                id="journal.E001",
            ))
    return errors
