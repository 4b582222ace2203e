"""The ledger's and the day page's queries (mgtracker.prepared), their SQL built once, give what the ORM gives for
each person and range, including what was logged a moment ago: nothing but the SQL text is kept between calls."""

from datetime import UTC, date, datetime
from decimal import Decimal

from journal.export import MEALS, _meals
from journal.ledger import FIRST_MARK, FOOD_TOTALS, _food_totals
from journal.medicines import MAGNESIUM_DOSES
from journal.models import (
    DOSES_IN_DAYS,
    MEALS_OF_DAY,
    MEDICINE_DOSES_OF_DAY,
    PROFILE_OF,
    STAND_TESTS_OF_DAY,
    DayMark,
    MealEntry,
    StandTest,
    SupplementDose,
)
from tests.builders import (
    log_dose,
    log_food,
    log_medicine_dose,
    make_food,
    make_medicine,
    make_product,
    pumpkin_seeds,
    run_stand_test,
    spinach,
)

FRIDAY, SATURDAY = date(2026, 11, 27), date(2026, 11, 28)


def magnesium_by_day(user, first, last):
    return [(row["date"], row["magnesium_mg_total"], row["foods"])
            for row in FOOD_TOTALS.rows(user=user.pk, first=first, last=last)]


def test_each_call_reads_its_own_person_and_days(make_user):
    alice, bob = make_user("alice"), make_user("bob")
    seeds = pumpkin_seeds()  # 592 mg of magnesium per 100 g
    log_food(alice, seeds, 30, day=FRIDAY)
    log_food(alice, seeds, 10, day=SATURDAY)
    log_food(bob, seeds, 100, day=FRIDAY)

    assert magnesium_by_day(alice, FRIDAY, SATURDAY) == [
        (FRIDAY, Decimal("177.60"), 1), (SATURDAY, Decimal("59.20"), 1),
    ]
    assert magnesium_by_day(alice, SATURDAY, SATURDAY) == [(SATURDAY, Decimal("59.20"), 1)]
    assert magnesium_by_day(bob, FRIDAY, SATURDAY) == [(FRIDAY, Decimal("592.00"), 1)]


def test_it_gives_the_rows_the_orm_gives(make_user):
    alice = make_user("alice")
    log_food(alice, pumpkin_seeds(), 30, day=FRIDAY)
    log_food(alice, make_food("Home-made soup"), 250, day=SATURDAY)  # no figures: sums of nothing
    orm_rows = list(_food_totals(alice.pk, FRIDAY, SATURDAY))
    rows = FOOD_TOTALS.rows(user=alice.pk, first=FRIDAY, last=SATURDAY)
    assert rows == orm_rows
    # To the digit: a Decimal's places show on the pages (177.60 is not 177.6 there), and None stays None.
    assert repr(rows) == repr(orm_rows)
    assert repr(FOOD_TOTALS.tuples(user=alice.pk, first=FRIDAY, last=SATURDAY)) == repr(
        [tuple(row.values()) for row in orm_rows]
    )


def test_what_was_just_logged_is_in_the_next_call(make_user):
    alice = make_user("alice")
    seeds = pumpkin_seeds()
    log_food(alice, seeds, 30, day=FRIDAY)
    assert magnesium_by_day(alice, FRIDAY, FRIDAY) == [(FRIDAY, Decimal("177.60"), 1)]
    log_food(alice, seeds, 10, day=FRIDAY)
    assert magnesium_by_day(alice, FRIDAY, FRIDAY) == [(FRIDAY, Decimal("236.80"), 2)]

    assert FIRST_MARK.tuples(user=alice.pk) == []
    DayMark.objects.create(user=alice, date=SATURDAY, food_complete=True)
    assert FIRST_MARK.tuples(user=alice.pk) == [(SATURDAY,)]


def test_chunks_through_the_converters_give_what_the_orm_gives(make_user):
    # The entries CSV reads its rows this way: raw from the driver, a chunk at a time, each column converted itself.
    alice = make_user("alice")
    seeds = pumpkin_seeds()
    for grams, day in ((30, FRIDAY), ("12.5", FRIDAY), (10, SATURDAY)):
        log_food(alice, seeds, grams, day=day)
    chunks = list(MEALS.chunks(2, user=alice.pk, first=FRIDAY, last=SATURDAY))
    assert [len(chunk) for chunk in chunks] == [2, 1]
    converters = MEALS.converters()
    rows = [tuple(convert(value) for convert, value in zip(converters, row, strict=True))
            for chunk in chunks for row in chunk]
    assert rows == list(_meals(alice.pk, FRIDAY, SATURDAY))
    # 592 mg/100 g: 177.60, 74.00 and 59.20 mg, each a Decimal as the ORM gives it, on any database.
    assert [(row[0], row[6]) for row in rows] == [
        (FRIDAY, Decimal("177.60")), (FRIDAY, Decimal("74.00")), (SATURDAY, Decimal("59.20")),
    ]
    assert {type(row[6]) for row in rows} == {Decimal}


def test_it_gives_the_model_instances_the_orm_gives(make_user):
    alice, bob = make_user("alice"), make_user("bob")
    leaves = spinach()
    log_food(alice, pumpkin_seeds(), 30, day=FRIDAY, meal="dinner")
    log_food(alice, leaves, 100, day=FRIDAY)
    log_food(alice, leaves, 50, day=SATURDAY)
    log_food(bob, leaves, 80, day=FRIDAY)

    prepared = MEALS_OF_DAY.objects(user=alice.pk, day=FRIDAY)
    orm = list(MealEntry.objects.for_day(alice, FRIDAY))
    assert [entry.pk for entry in prepared] == [entry.pk for entry in orm]
    assert [(entry.food_name, entry.meal, entry.magnesium_mg) for entry in prepared] == [
        ("Spinach, raw", "breakfast", Decimal("79.00")), (orm[1].food_name, "dinner", Decimal("177.60")),
    ]
    assert [entry.pk for entry in MEALS_OF_DAY.objects(user=bob.pk, day=FRIDAY)] == [
        entry.pk for entry in MealEntry.objects.for_day(bob, FRIDAY)
    ]
    assert MEALS_OF_DAY.objects(user=bob.pk, day=SATURDAY) == []


def test_related_rows_come_along_as_the_queryset_asks(make_user, django_assert_num_queries):
    alice = make_user("alice")
    product = make_product(alice)
    log_dose(alice, FRIDAY, product=product, units="2")
    log_medicine_dose(alice, make_medicine(alice), FRIDAY)
    run_stand_test(alice, SATURDAY, standing=(90, 110))
    [profile] = PROFILE_OF.objects(user=alice.pk)  # made by the builders

    with django_assert_num_queries(1):  # select_related followed: the product with the dose
        doses = DOSES_IN_DAYS.objects(user=alice.pk, first=FRIDAY, last=SATURDAY)
        # Two capsules of 500 mg magnesium glycinate, 70.50 mg elemental each.
        assert [(dose.product.name, dose.elemental_mg) for dose in doses] == [
            ("Magnesium glycinate", Decimal("141.00")),
        ]
    with django_assert_num_queries(1):  # the medicine with the dose
        doses = MEDICINE_DOSES_OF_DAY.objects(user=alice.pk, day=FRIDAY)
        assert [dose.medicine.name for dose in doses] == ["Alendronate"]
    # Two steps away, the person's profile with the test; and prefetch_related run: the readings in a second query.
    with django_assert_num_queries(2):
        [test] = STAND_TESTS_OF_DAY.objects(user=alice.pk, day=SATURDAY)
        assert test.user.profile.pk == profile.pk
        heart_rates = [reading.heart_rate for reading in test.readings.all()]
    assert test == StandTest.objects.get()
    assert heart_rates == [70, 75, 90, 110]  # lying, then standing, as StandReading orders them
    assert STAND_TESTS_OF_DAY.objects(user=alice.pk, day=FRIDAY) == []


def test_a_datetime_range_reads_the_moments_asked(make_user):
    alice = make_user("alice")
    morning = log_dose(alice, elemental_mg=100, taken_at=datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    log_dose(alice, elemental_mg=100, taken_at=datetime(2026, 11, 27, 20, 0, tzinfo=UTC))
    noon, evening = datetime(2026, 11, 27, 12, 0, tzinfo=UTC), datetime(2026, 11, 27, 23, 0, tzinfo=UTC)

    assert [dose.pk for dose in MAGNESIUM_DOSES.objects(user=alice.pk, since=noon, until=evening)] == [
        dose.pk for dose in SupplementDose.objects.filter(taken_at__range=(noon, evening))
    ]
    assert [dose.pk for dose in MAGNESIUM_DOSES.objects(
        user=alice.pk, since=datetime(2026, 11, 27, 7, 59, tzinfo=UTC), until=noon,
    )] == [morning.pk]
