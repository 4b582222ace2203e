"""Day stamps (journal.models.DayStamp) are kept by the database itself: triggers on the tables a day's figures are
made of, on SQLite and PostgreSQL alike. Every row written stamps its day anew (an update stamps the day it left and
the day it went to); a stand reading stamps its test's day; deleting a user deletes their stamps.

Migration 0013 creates the triggers. On SQLite, a later migration that alters one of these tables (or the user
table) remakes it, and the old table's triggers go with it; altering journal_standtest even fails, as the readings'
triggers name it. Such a migration drops the triggers first (drop_triggers) and creates them again after
(create_triggers). The system check in journal/checks.py names any trigger missing from a migrated database, and
tests/journal/test_day_stamps.py fails while one is.
"""

# The tables whose rows each name their person and day (user_id, date).
DAY_TABLES = (
    "journal_mealentry",
    "journal_supplementdose",
    "journal_drink",
    "journal_symptomnote",
    "journal_daymark",
    "journal_standtest",
)
READINGS = "journal_standreading"  # a reading's day is its test's (test_id)
STAMPS = "journal_daystamp"
# A random 64-bit number (SQLite) or one of 63 bits (PostgreSQL's random() is a double in [0, 1)).
NEW_STAMP = {"sqlite": "random()", "postgresql": "(random() * 9.2e18)::bigint"}
UPSERT = "ON CONFLICT (user_id, date) DO UPDATE SET stamp = excluded.stamp"


def _stampers(stamp):
    """The statements that stamp the day of a row (NEW or OLD) of DAY_TABLES, and of a stand reading."""

    def stamp_row(row):
        return f"INSERT INTO {STAMPS} (user_id, date, stamp) VALUES ({row}.user_id, {row}.date, {stamp}) {UPSERT};"

    def stamp_test_of(row):
        # The WHERE tells SQLite's parser that ON CONFLICT is the upsert's, not a join's.
        return (f"INSERT INTO {STAMPS} (user_id, date, stamp) SELECT user_id, date, {stamp} FROM journal_standtest "
                f"WHERE id = {row}.test_id {UPSERT};")

    return stamp_row, stamp_test_of


def _sqlite(user_table):
    stamp_row, stamp_test_of = _stampers(NEW_STAMP["sqlite"])
    statements = []
    for table, stamp_of in [*((table, stamp_row) for table in DAY_TABLES), (READINGS, stamp_test_of)]:
        for event, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
            body = " ".join(stamp_of(row) for row in rows)
            statements.append(
                f"CREATE TRIGGER {table}_stamps_day_{event.lower()} AFTER {event} ON {table} FOR EACH ROW "
                f"BEGIN {body} END"
            )
    statements.append(
        f"CREATE TRIGGER {STAMPS}_user_deleted AFTER DELETE ON {user_table} FOR EACH ROW "
        f"BEGIN DELETE FROM {STAMPS} WHERE user_id = OLD.id; END"
    )
    drops = [f"DROP TRIGGER {statement.split()[2]}" for statement in statements]
    return statements, drops


def _postgresql(user_table):
    stamp_row, stamp_test_of = _stampers(NEW_STAMP["postgresql"])

    def function(name, stamp_of):
        return f"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN {stamp_of("OLD")} END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN {stamp_of("NEW")} END IF;
                RETURN NULL;
            END $$"""

    statements = [
        function("journal_stamp_day", stamp_row),
        function("journal_stamp_reading_day", stamp_test_of),
        f"""CREATE FUNCTION journal_delete_user_stamps() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN DELETE FROM {STAMPS} WHERE user_id = OLD.id; RETURN NULL; END $$""",
    ]
    drops = []
    for table, function_name in [*((table, "journal_stamp_day") for table in DAY_TABLES),
                                 (READINGS, "journal_stamp_reading_day")]:
        statements.append(f"CREATE TRIGGER {table}_stamps_day AFTER INSERT OR UPDATE OR DELETE ON {table} "
                          f"FOR EACH ROW EXECUTE FUNCTION {function_name}()")
        drops.append(f"DROP TRIGGER {table}_stamps_day ON {table}")
    statements.append(f"CREATE TRIGGER {STAMPS}_user_deleted AFTER DELETE ON {user_table} "
                      "FOR EACH ROW EXECUTE FUNCTION journal_delete_user_stamps()")
    drops.append(f"DROP TRIGGER {STAMPS}_user_deleted ON {user_table}")
    drops += [f"DROP FUNCTION {name}()" for name in
              ("journal_stamp_day", "journal_stamp_reading_day", "journal_delete_user_stamps")]
    return statements, drops


def triggers(vendor, user_table):
    """(the statements that create the triggers, those that drop them, the triggers' names) for a database vendor."""
    statements, drops = {"sqlite": _sqlite, "postgresql": _postgresql}[vendor](user_table)
    names = [statement.split()[2] for statement in statements if statement.startswith("CREATE TRIGGER")]
    return statements, drops, names


def create_triggers(schema_editor, user_table):
    for statement in triggers(schema_editor.connection.vendor, user_table)[0]:
        schema_editor.execute(statement)


def drop_triggers(schema_editor, user_table):
    for statement in triggers(schema_editor.connection.vendor, user_table)[1]:
        schema_editor.execute(statement)


def stamp_days_logged(schema_editor):
    """Give each (person, date) that holds a row of the day tables a stamp."""
    days = " UNION ".join(f"SELECT user_id, date FROM {table}" for table in DAY_TABLES)
    schema_editor.execute(f"INSERT INTO {STAMPS} (user_id, date, stamp) "
                          f"SELECT user_id, date, {NEW_STAMP[schema_editor.connection.vendor]} FROM ({days}) AS days")


def triggers_present(connection):
    """The names of the triggers in the database."""
    query = {"sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger'",
             "postgresql": "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"}[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(query)
        return {name for (name,) in cursor.fetchall()}
