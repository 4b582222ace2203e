"""Several people writing at once never see "database is locked" on SQLite.

Each thread opens its own connection to one database file with the project's
SQLite settings and runs read-then-write transactions, the pattern that fails
at once under SQLite's default deferred transactions.
"""

import threading

from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from mgtracker.settings import sqlite_database

WRITERS = 4
TRANSACTIONS_EACH = 40


def connect(path, alias):
    settings_dict = {
        "ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None, "USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "TEST": {},
        **sqlite_database(str(path)),
    }
    return DatabaseWrapper(settings_dict, alias=alias)


def test_concurrent_read_then_write_transactions_all_succeed(tmp_path, django_db_blocker):
    # These connections are to a scratch file of this test's own, not to the test database.
    with django_db_blocker.unblock():
        run_writers(tmp_path / "concurrency.sqlite3")


def run_writers(path):
    setup = connect(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    setup.close()

    errors = []

    def writer(n):
        connection = connect(path, f"writer{n}")
        try:
            connections[connection.alias] = connection  # this thread's own, so atomic() can find it
            for _ in range(TRANSACTIONS_EACH):
                with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                    cursor.execute("SELECT value FROM counter WHERE id = 1")
                    (value,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        except Exception as error:  # noqa: BLE001 - collected and reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    check = connect(path, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        assert cursor.fetchone() == (WRITERS * TRANSACTIONS_EACH,)
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
    check.close()
