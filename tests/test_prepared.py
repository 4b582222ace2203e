"""mgtracker.prepared: a query whose SQL the ORM builds once and each call runs with its own values, as both apps
use it (a search's queries here, the ledger's and the day page's in tests/journal/test_prepared.py)."""

import gc
import weakref
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from foods.models import Food
from mgtracker.prepared import PreparedObjects, PreparedValues
from tests.builders import make_food

pytestmark = pytest.mark.django_db


def test_each_run_takes_its_own_values_and_converts_as_the_orm_does(user, other_user):
    mine = make_food("Oat bar, mine", source=Food.Source.CUSTOM, owner=user, magnesium_mg="57.25")
    theirs = make_food("Oat bar, theirs", source=Food.Source.CUSTOM, owner=other_user, magnesium_mg="61")
    owned = PreparedValues(
        lambda owner: Food.objects.filter(owner=owner).values_list("pk", "name", "magnesium_mg"), owner=int,
    )
    assert owned.tuples(owner=user.pk) == [(mine.pk, "Oat bar, mine", Decimal("57.25"))]
    assert owned.tuples(owner=other_user.pk) == [(theirs.pk, "Oat bar, theirs", Decimal("61"))]
    assert owned.rows(owner=user.pk) == [{"pk": mine.pk, "name": "Oat bar, mine", "magnesium_mg": Decimal("57.25")}]


def test_a_list_of_ids_is_written_once_for_each_length(user):
    foods = [make_food(f"Rice, sample {number}") for number in range(3)]
    by_id = PreparedValues(lambda ids: Food.objects.filter(pk__in=ids).order_by("pk").values_list("name"), ids=list)
    assert by_id.tuples(ids=[foods[2].pk]) == [("Rice, sample 2",)]
    assert by_id.tuples(ids=[foods[0].pk, foods[2].pk]) == [("Rice, sample 0",), ("Rice, sample 2",)]
    assert by_id.tuples(ids=[foods[1].pk]) == [("Rice, sample 1",)]
    # The search pads its ids to one length with the last one repeated: the same foods, once each.
    assert by_id.tuples(ids=[foods[1].pk, foods[0].pk, foods[0].pk]) == [("Rice, sample 0",), ("Rice, sample 1",)]


def test_a_list_beside_other_values_takes_each_its_own_place(user, other_user):
    mine = make_food("Oat bar, mine", source=Food.Source.CUSTOM, owner=user)
    theirs = make_food("Oat bar, theirs", source=Food.Source.CUSTOM, owner=other_user)
    owned_of = PreparedValues(
        lambda owner, ids: Food.objects.filter(owner=owner, pk__in=ids).values_list("name"), owner=int, ids=list,
    )
    assert owned_of.tuples(owner=user.pk, ids=[mine.pk, theirs.pk]) == [("Oat bar, mine",)]
    assert owned_of.tuples(owner=other_user.pk, ids=[mine.pk, theirs.pk]) == [("Oat bar, theirs",)]


def test_what_the_query_itself_asks_stays_in_every_run(user, other_user):
    make_food("Oat bar", source=Food.Source.CUSTOM, owner=user)
    make_food("Oat cake", source=Food.Source.CUSTOM, owner=user)
    make_food("Oat bar", source=Food.Source.CUSTOM, owner=other_user)
    oat_bars = PreparedValues(
        lambda owner: Food.objects.filter(owner=owner, name="Oat bar").values_list("name", "owner"), owner=int,
    )
    assert oat_bars.tuples(owner=user.pk) == [("Oat bar", user.pk)]
    assert oat_bars.tuples(owner=other_user.pk) == [("Oat bar", other_user.pk)]


def test_a_distinct_query_ordered_by_a_column_it_does_not_give_reads_past_that_column(user, other_user):
    # DISTINCT selects what it is ordered by too (here the owner's username), as a column after the asked ones.
    make_food("Oat bar", source=Food.Source.CUSTOM, owner=user)
    make_food("Oat cake", source=Food.Source.CUSTOM, owner=user)
    by_owner = Food.objects.filter(owner__in=(user.pk, other_user.pk)).order_by("owner__username", "name").distinct()
    names = PreparedValues(lambda owner: by_owner.filter(owner=owner).values_list("name"), owner=int)
    foods = PreparedObjects(lambda owner: by_owner.filter(owner=owner), owner=int)
    assert names.tuples(owner=user.pk) == [("Oat bar",), ("Oat cake",)]
    assert foods.objects(owner=user.pk) == list(by_owner.filter(owner=user.pk))
    assert [food.name for food in foods.objects(owner=user.pk)] == ["Oat bar", "Oat cake"]


def test_it_refuses_sql_that_does_not_take_a_value_it_is_given(user):
    ignoring = PreparedValues(lambda owner: Food.objects.filter(name="Oat bar").values_list("pk"), owner=int)
    with pytest.raises(ValueError, match="does not take owner"):
        ignoring.tuples(owner=user.pk)


def test_a_third_value_of_one_kind_is_refused_with_a_reason(user):
    three_owners = PreparedValues(
        lambda first, second, third: Food.objects.filter(owner__in=(first, second, third)).values_list("pk"),
        first=int, second=int, third=int,
    )
    with pytest.raises(ValueError, match="at most 2 values of int"):
        three_owners.tuples(first=user.pk, second=user.pk, third=user.pk)


def test_every_run_is_seen_by_what_watches_the_queries(user):
    # Unwatched, a run goes straight to the driver's cursor; the query counts and execute_wrappers must still see it.
    make_food("Oat bar", source=Food.Source.CUSTOM, owner=user)
    owned = PreparedValues(lambda owner: Food.objects.filter(owner=owner).values_list("name"), owner=int)
    assert owned.tuples(owner=user.pk) == [("Oat bar",)]
    connection = connections[DEFAULT_DB_ALIAS]
    with CaptureQueriesContext(connection) as captured:
        assert owned.tuples(owner=user.pk) == [("Oat bar",)]
    assert len(captured) == 1
    wrapped = []
    with connection.execute_wrapper(lambda execute, sql, params, *rest: wrapped.append(params) or execute(
            sql, params, *rest)):
        assert owned.tuples(owner=user.pk) == [("Oat bar",)]
    assert wrapped == [[user.pk]]


def test_a_run_in_a_broken_transaction_is_refused_as_the_orms_are(user):
    owned = PreparedValues(lambda owner: Food.objects.filter(owner=owner).values_list("name"), owner=int)
    with transaction.atomic():
        transaction.set_rollback(True)  # as after an error the block went on past
        with pytest.raises(TransactionManagementError):
            owned.tuples(owner=user.pk)


def test_each_call_reads_the_database_again(user):
    stamps = PreparedValues(lambda owner: Food.objects.filter(owner=owner).values_list("name"), owner=int)
    assert stamps.tuples(owner=user.pk) == []
    make_food("Oat bar", source=Food.Source.CUSTOM, owner=user)
    assert stamps.tuples(owner=user.pk) == [("Oat bar",)]


@pytest.mark.django_db(transaction=True)
def test_each_connection_runs_sql_written_for_it_and_lets_it_go_with_its_thread(user):
    # Django gives each thread a connection of its own, as it would each database: a query run on two connections
    # keeps SQL written for each (the vendor, server version and settings are the connection's, not the process's).
    make_food("Oat bar", source=Food.Source.CUSTOM, owner=user)
    owned = PreparedValues(lambda owner: Food.objects.filter(owner=owner).values_list("name"), owner=int)
    assert owned.tuples(owner=user.pk) == [("Oat bar",)]
    with ThreadPoolExecutor(1) as other_thread:
        thread_connection, rows = other_thread.submit(_on_own_connection, owned, user.pk).result()
    assert rows == [("Oat bar",)]
    ours = connections[DEFAULT_DB_ALIAS]
    assert thread_connection is not ours
    assert _connections_written_for(owned, ours) == [ours]
    assert _connections_written_for(owned, thread_connection) == [thread_connection]

    # A server with a thread a request (runserver, gunicorn's gthread) ends threads all day: the SQL kept for a
    # thread's connection must not keep that connection, and its database session, open for the life of the process.
    ended = weakref.ref(thread_connection)
    del thread_connection
    gc.collect()
    assert ended() is None


def _connections_written_for(query, connection):
    return [prepared.connection for (kept, _), prepared in connection.prepared_queries.items() if kept is query]


def _on_own_connection(query, owner):
    own = connections[DEFAULT_DB_ALIAS]
    try:
        return own, query.tuples(owner=owner)
    finally:
        own.close()
