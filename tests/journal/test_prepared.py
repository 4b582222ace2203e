"""journal.prepared: the ledger's queries, their SQL built once, give what the ORM gives for each person and range,
including what was logged a moment ago: nothing but the SQL text is kept between calls."""

from datetime import date
from decimal import Decimal

from journal.export import MEALS, _meals
from journal.ledger import FIRST_MARK, FOOD_TOTALS, _food_totals
from journal.models import DayMark
from tests.builders import log_food, pumpkin_seeds

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
    orm_rows = list(_food_totals(alice.pk, FRIDAY, SATURDAY))
    assert FOOD_TOTALS.rows(user=alice.pk, first=FRIDAY, last=SATURDAY) == orm_rows


def test_what_was_just_logged_is_in_the_next_call(make_user):
    alice = make_user("alice")
    seeds = pumpkin_seeds()
    log_food(alice, seeds, 30, day=FRIDAY)
    assert magnesium_by_day(alice, FRIDAY, FRIDAY) == [(FRIDAY, Decimal("177.60"), 1)]
    log_food(alice, seeds, 10, day=FRIDAY)
    assert magnesium_by_day(alice, FRIDAY, FRIDAY) == [(FRIDAY, Decimal("236.80"), 2)]

    assert FIRST_MARK.rows(user=alice.pk) == []
    DayMark.objects.create(user=alice, date=SATURDAY, food_complete=True)
    assert [row["first"] for row in FIRST_MARK.rows(user=alice.pk)] == [SATURDAY]


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
