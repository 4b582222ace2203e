"""Every write to what a day's figures are made of gives that person's day a new DayStamp (migration 0013's triggers):
the ledger keeps worked-out Days per process until their stamp changes, so a write that left the stamp standing
would leave a doctor reading the figures of before it."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import Tags, run_checks
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from journal import day_stamps
from journal.models import DayMark, DayStamp, MealEntry, StandReading, StandTest
from tests.builders import add_drink, log_dose, log_food, make_food, run_stand_test, write_note
from tests.conftest import PASSWORD

DAY = date(2026, 11, 20)
OTHER_DAY = date(2026, 11, 21)  # another of Alice's days, which no test touches
MOVED_TO = date(2026, 11, 22)  # empty until a row is moved onto it


def stamps():
    """{(user id, date): stamp} of every DayStamp."""
    return {(user_id, day): stamp for user_id, day, stamp in DayStamp.objects.values_list("user_id", "date", "stamp")}


def changed(before, after):
    """The (user id, date) whose stamp appeared, went or is another number."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def log_meal(user, day):
    return log_food(user, make_food(magnesium_mg=100), 50, day)


def mark_day(user, day):
    return DayMark.objects.create(user=user, date=day, food_complete=True)


def start_stand_test(user, day):
    # Without readings: a reading's own trigger would stamp the day too, and hide a missing one of the test's table.
    return run_stand_test(user, day, supine=())


# Each day table: how a row is written there, and a plain field of the row with another value for it.
DAY_TABLES = [
    pytest.param(log_meal, "meal", MealEntry.Meal.DINNER, id="meal entry"),
    pytest.param(lambda user, day: log_dose(user, day, elemental_mg=100), "elemental_mg", Decimal(200),
                 id="supplement dose"),
    pytest.param(lambda user, day: add_drink(user, 250, day), "ml", 500, id="drink"),
    pytest.param(write_note, "dizziness", 7, id="symptom note"),
    pytest.param(mark_day, "no_supplements", True, id="day mark"),
    pytest.param(start_stand_test, "tag", StandTest.Tag.ON_TREATMENT, id="stand test"),
]


@pytest.fixture
def write_neighbours(user, other_user):
    """Rows whose stamps no write of Alice's on DAY may touch: hers on another day, Bob's on the same day."""
    return lambda write: (write(user, OTHER_DAY), write(other_user, DAY))


@pytest.mark.parametrize(("write", "field", "value"), DAY_TABLES)
def test_writing_a_row_stamps_its_day_only(user, write_neighbours, write, field, value):
    write_neighbours(write)
    before = stamps()
    assert (user.pk, DAY) not in before

    write(user, DAY)

    assert changed(before, stamps()) == {(user.pk, DAY)}


def save_field(row, field, value):
    setattr(row, field, value)
    row.save()


def update_field(row, field, value):
    type(row).objects.filter(pk=row.pk).update(**{field: value})


@pytest.mark.parametrize("change", [save_field, update_field], ids=["save", "QuerySet.update"])
@pytest.mark.parametrize(("write", "field", "value"), DAY_TABLES)
def test_changing_a_row_gives_its_day_a_new_stamp(user, write_neighbours, write, field, value, change):
    write_neighbours(write)
    row = write(user, DAY)
    before = stamps()

    change(row, field, value)

    assert changed(before, stamps()) == {(user.pk, DAY)}
    assert type(row).objects.filter(pk=row.pk, **{field: value}).exists()  # the change was written


@pytest.mark.parametrize(("write", "field", "value"), DAY_TABLES)
def test_deleting_a_row_gives_its_day_a_new_stamp(user, write_neighbours, write, field, value):
    write_neighbours(write)
    row = write(user, DAY)
    before = stamps()

    row.delete()

    after = stamps()
    assert changed(before, after) == {(user.pk, DAY)}
    # Still stamped: the day is worked out again, to nothing, rather than shown as it was.
    assert (user.pk, DAY) in after


@pytest.mark.parametrize("change", [save_field, update_field], ids=["save", "QuerySet.update"])
@pytest.mark.parametrize(("write", "field", "value"), DAY_TABLES)
def test_moving_a_row_to_another_date_stamps_both_dates(user, write_neighbours, write, field, value, change):
    write_neighbours(write)
    row = write(user, DAY)
    before = stamps()

    change(row, "date", MOVED_TO)

    assert changed(before, stamps()) == {(user.pk, DAY), (user.pk, MOVED_TO)}


@pytest.fixture
def stand_test(user, other_user):
    """Alice's test on DAY with one lying reading, among tests whose days must keep their stamps."""
    run_stand_test(user, OTHER_DAY, supine=(70,))
    run_stand_test(other_user, DAY, supine=(70,))
    run_stand_test(user, MOVED_TO, supine=())
    return run_stand_test(user, DAY, supine=(70,))


def add_reading(test):
    StandReading.objects.create(test=test, position=StandReading.Position.STANDING, minute=1, heart_rate=110)


def change_reading(test):
    reading = test.readings.get()
    reading.heart_rate = 72
    reading.save()


def delete_reading(test):
    test.readings.get().delete()


@pytest.mark.parametrize("write", [add_reading, change_reading, delete_reading])
def test_writing_a_stand_reading_gives_its_tests_day_a_new_stamp(user, stand_test, write):
    before = stamps()

    write(stand_test)

    assert changed(before, stamps()) == {(user.pk, DAY)}


def test_moving_a_stand_reading_to_another_test_stamps_both_tests_days(user, stand_test):
    before = stamps()

    stand_test.readings.update(test=StandTest.objects.get(user=user, date=MOVED_TO))

    assert changed(before, stamps()) == {(user.pk, DAY), (user.pk, MOVED_TO)}


def test_bulk_created_meal_entries_stamp_each_of_their_days(user, other_user):
    food = make_food(magnesium_mg=100)
    template = log_food(user, food, 50, DAY)
    DayStamp.objects.all().delete()
    entries = []
    for owner, day in [(user, OTHER_DAY), (user, MOVED_TO), (other_user, MOVED_TO), (user, MOVED_TO)]:
        entry = MealEntry.objects.get(pk=template.pk)
        entry.pk, entry.user, entry.date = None, owner, day
        entries.append(entry)

    MealEntry.objects.bulk_create(entries)

    assert set(stamps()) == {(user.pk, OTHER_DAY), (user.pk, MOVED_TO), (other_user.pk, MOVED_TO)}


def fill_every_day_table(user):
    for write, _, _ in (param.values for param in DAY_TABLES):
        write(user, DAY)
        write(user, OTHER_DAY)
    run_stand_test(user, MOVED_TO, supine=(70,))


def delete_through_the_profile_page(client, user):
    client.force_login(user)
    assert client.post("/profile/delete/", {"password": PASSWORD}).status_code == 302


def delete_the_user_row(_client, user):
    user.delete()


@pytest.mark.parametrize("delete", [delete_through_the_profile_page, delete_the_user_row])
def test_deleting_a_person_deletes_their_stamps_and_no_one_elses(client, user, other_user, delete):
    fill_every_day_table(user)
    fill_every_day_table(other_user)
    before = stamps()
    assert {user_id for user_id, _ in before} == {user.pk, other_user.pk}

    delete(client, user)

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert stamps() == {key: stamp for key, stamp in before.items() if key[0] == other_user.pk}


BEFORE_STAMPS = [("journal", "0012_supplement_dose_product_date_index")]
WITH_STAMPS = [("journal", "0013_day_stamps")]


def migrate(targets):
    # A new executor each time: it reads the applied migrations as they are now.
    MigrationExecutor(connection).migrate(targets)


def has_stamp_table():
    return "journal_daystamp" in connection.introspection.table_names()


@pytest.fixture
def at_0012(transactional_db):
    """The database as before migration 0013, migrated back to the latest migrations afterwards for the next tests.
    The day tables are the same at 0012 and 0013 (0013 adds only DayStamp), so today's models write their rows."""
    migrate(BEFORE_STAMPS)
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_migrating_stamps_exactly_the_days_already_logged_and_can_be_undone(at_0012, make_user):
    alice, bob, carol, dave = (make_user(name) for name in ("alice", "bob", "carol", "dave"))
    # Each table on a day of its own, so that a table left out of the stamping would leave a day without a stamp.
    log_meal(alice, DAY)
    add_drink(alice, 250, OTHER_DAY)
    run_stand_test(alice, MOVED_TO)  # with two lying readings
    write_note(bob, DAY)
    mark_day(bob, MOVED_TO)
    log_dose(carol, DAY, elemental_mg=100)
    # Dave has logged nothing: no stamp.
    logged = {(alice.pk, DAY), (alice.pk, OTHER_DAY), (alice.pk, MOVED_TO), (bob.pk, DAY), (bob.pk, MOVED_TO),
              (carol.pk, DAY)}
    assert not has_stamp_table()

    migrate(WITH_STAMPS)

    assert set(stamps()) == logged
    assert all(isinstance(stamp, int) for stamp in stamps().values())

    migrate(BEFORE_STAMPS)

    assert not has_stamp_table()
    # Writing every table with the stamp table gone shows that its triggers went with it.
    fill_every_day_table(dave)

    migrate(WITH_STAMPS)

    assert set(stamps()) == logged | {(dave.pk, DAY), (dave.pk, OTHER_DAY), (dave.pk, MOVED_TO)}
    before = stamps()
    add_drink(alice, 250, DAY)
    assert changed(before, stamps()) == {(alice.pk, DAY)}  # the triggers are back


def run_database_checks():
    return [error.id for error in run_checks(tags=[Tags.database], databases=["default"])]


def test_the_system_check_names_a_missing_trigger(db):
    assert run_database_checks() == []
    _, drops, names = day_stamps.triggers(connection.vendor, get_user_model()._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(drops[0])

    assert run_database_checks() == ["journal.E001"]
    [error] = run_checks(tags=[Tags.database], databases=["default"])
    assert names[0] in error.msg
