"""Querysets whose SQL is built once per database connection, then run with each request's values.

The ledger asks the same eight questions of every page, the day page a dozen more and every food search four
(issue 11): building their SQL through the ORM cost more than running it (a search's query by owner: some 0.25 ms
to build, 0.02 ms to run). A prepared query builds its queryset once with stand-in values,
keeps the SQL the ORM compiled for that connection, and runs it with the real values in the stand-ins' places,
giving what iterating the queryset would through the ORM's own converters (dates, decimals) and, for model
instances, its own way of building them (select_related followed, prefetch_related run), on SQLite and PostgreSQL
alike. Nothing is kept but SQL text: every call reads the database, so no figure can be stale. Unless something
watches the queries (DEBUG, a test's query count, an execute_wrapper), it runs on the database driver's own cursor:
a monitoring library that patches Django's CursorWrapper instead of adding an execute_wrapper would not see it.

A query taking a list (`pk__in`) is written once for each length of it, as its SQL has a placeholder an item.
A long file (the entries CSV) reads the rows as the database driver gives them instead, a chunk at a time
(`chunks`), and converts each column itself with the converters Django would use (`converters`).
"""

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from functools import cached_property
from itertools import count
from operator import itemgetter

from django.db import connections
from django.db.models import prefetch_related_objects
from django.db.models.query import get_related_populators
from django.utils.asyncio import async_unsafe

# Values no request can ask for, so each parameter the ORM compiled is known by where its stand-in landed; a kind
# asked for twice in one query (a range's two ends) takes the next stand-in of its kind.
STAND_INS = {
    int: (-7_357_913, -7_357_914),
    date: (date(1111, 11, 11), date(1222, 12, 12)),
    datetime: (datetime(1111, 11, 11, 11, 11, 11, tzinfo=UTC), datetime(1222, 12, 12, 12, 12, 12, tzinfo=UTC)),
}
# The items of `list` values (integers, ids): all different, as `__in` drops repeated items from the SQL it writes.
LIST_ITEM_STAND_INS = -7_358_001


class PreparedQuery:
    """`build(**values)` returns a queryset; the keyword arguments name each value's kind: int, date, datetime, or
    list (a non-empty list of integers)."""

    def __init__(self, build, **kinds):
        self.build = build
        self.kinds = kinds
        self.lists = [name for name, kind in kinds.items() if kind is list]
        # The lengths of the list values -> the queryset built with stand-ins of those lengths, and its database
        # (asked of the routers once, not on every call).
        self.querysets = {}

    def _stand_ins(self, lengths):
        """{name: stand-in} for {name: kind}, each name a stand-in of its own, each list of the given length."""
        for kind in STAND_INS:
            if sum(asked is kind for asked in self.kinds.values()) > len(STAND_INS[kind]):
                raise ValueError(f"A prepared query takes at most {len(STAND_INS[kind])} values of {kind.__name__}: "
                                 "add stand-ins to STAND_INS for more.")
        unused = {kind: iter(values) for kind, values in STAND_INS.items()}
        unused_items = count(LIST_ITEM_STAND_INS, -1)
        lengths = iter(lengths)
        return {name: [next(unused_items) for _ in range(next(lengths))] if kind is list else next(unused[kind])
                for name, kind in self.kinds.items()}

    def _for_connection(self, values):
        lengths = tuple(len(values[name]) for name in self.lists) if self.lists else ()
        built = self.querysets.get(lengths)
        if built is None:  # built on first use, once the apps are ready
            queryset = self.build(**self._stand_ins(lengths))
            built = self.querysets[lengths] = (queryset, queryset.db)
        queryset, db = built
        connection = connections[db]
        # Kept on the connection itself, not here: per connection, not per vendor, so that two databases never share
        # SQL, and gone with the connection when its thread ends (a Prepared refers to its connection, so a map
        # from connections held here would keep every thread's connection open for the life of the process).
        try:
            kept = connection.prepared_queries
        except AttributeError:
            kept = connection.prepared_queries = {}
        prepared = kept.get((self, lengths))
        if prepared is None:
            stand_ins = self._items(self._stand_ins(lengths))
            prepared = kept[self, lengths] = Prepared(queryset, connection, stand_ins)
        return prepared

    def _items(self, stand_ins):
        """The stand-ins with each list's items as stand-ins of their own, named (list name, position)."""
        items = {name: value for name, value in stand_ins.items() if name not in self.lists}
        for name in self.lists:
            items.update(((name, position), item) for position, item in enumerate(stand_ins[name]))
        return items


class PreparedValues(PreparedQuery):
    """For a values() or values_list() queryset: `rows(**values)` gives what iterating a values() one would, as a
    list of dicts, `tuples(**values)` what iterating a values_list() one would, as a list of tuples."""

    def rows(self, **values):
        prepared = self._for_connection(values)
        return prepared.as_dicts(prepared.fetch(values))

    def tuples(self, **values):
        prepared = self._for_connection(values)
        return prepared.as_tuples(prepared.fetch(values))

    def chunks(self, size, **values):
        """The rows as tuples straight from the database driver (no converters), in lists of `size`."""
        return self._for_connection(values).chunks(values, size)

    def converters(self, **values):
        """For each column, a function from the driver's value to the value values() would give."""
        return self._for_connection(values).column_converters()


class PreparedObjects(PreparedQuery):
    """For a queryset of model instances: `objects(**values)` gives what iterating it would, as a list."""

    def objects(self, **values):
        prepared = self._for_connection(values)
        instances = [prepared.instance(row) for row in prepared.as_tuples(prepared.fetch(values))]
        lookups = prepared.prefetch_related_lookups
        if lookups and instances:
            prefetch_related_objects(instances, *lookups)
        return instances


class Prepared:
    def __init__(self, queryset, connection, stand_ins):
        query = queryset.query
        self.connection = connection
        self.compiler = query.get_compiler(connection=connection)
        self.sql, params = self.compiler.as_sql()
        self.names = list(query.selected) if query.selected else [
            *query.extra_select, *query.values_select, *query.annotation_select,
        ]
        self.prefetch_related_lookups = queryset._prefetch_related_lookups
        fields = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(fields)
        self.column_count = len(fields)
        adapted = {name: self._adapt(value) for name, value in stand_ins.items()}
        # Each parameter: the name of the value it stands for, (name, position) for a list's item, or None for a
        # constant of the query itself.
        names = [next((name for name, value in adapted.items() if value == param), None) for param in params]
        self.params = [self._getter(name, stand_ins.get(name), param)
                       for name, param in zip(names, params, strict=True)]
        missing = set(stand_ins) - set(names)
        if missing:
            raise ValueError(f"The SQL does not take {', '.join(sorted(map(str, missing)))} as parameters: {self.sql}")
        if self.compiler.klass_info is not None:
            self._prepare_instances(queryset.db)

    def _prepare_instances(self, db):
        """What the ORM's ModelIterable works out before its first row, worked out once."""
        klass_info, select = self.compiler.klass_info, self.compiler.select
        self.db, self.model = db, klass_info["model"]
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1]
        self.model_columns = slice(first, last + 1)
        self.attnames = [column[0].target.attname for column in select[self.model_columns]]
        self.related_populators = get_related_populators(klass_info, select, db)
        self.annotation_columns = self.compiler.annotation_col_map

    def _adapt(self, value):
        if isinstance(value, datetime):
            return self.connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, date):
            return self.connection.ops.adapt_datefield_value(value)
        return value

    def _getter(self, name, stand_in, constant):
        """From the values of a call, the parameter: found once per SQL, so that a call only looks its values up."""
        if name is None:
            return lambda values: constant
        if isinstance(name, tuple):
            list_name, position = name
            return lambda values: values[list_name][position]
        if isinstance(stand_in, date):
            return lambda values: self._adapt(values[name])
        return itemgetter(name)

    def _params(self, values):
        return [get(values) for get in self.params]

    @async_unsafe
    def fetch(self, values):
        """The rows as the database driver gives them."""
        connection = self.connection
        if connection.queries_logged or connection.execute_wrappers:
            # Through the ORM's cursor, so that whatever watches the queries (the tests' query counts, the bench's
            # execute_wrapper, DEBUG's connection.queries) sees this one.
            with connection.cursor() as cursor:
                cursor.execute(self.sql, self._params(values))
                return cursor.fetchall()
        # Otherwise straight to the driver's cursor, past the ORM's wrapper (its per-query wrapper chain and, on
        # SQLite, a regex turning each %s into ?, done once here instead): a query of no rows 16 -> 7 us, and the
        # day page makes seventeen. The checks connection.cursor() and CursorWrapper.execute make are all made.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        connection.validate_thread_sharing()
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            cursor = connection.create_cursor()
            try:
                self.driver_execute(cursor, self.driver_sql, self._params(values))
                return cursor.fetchall()
            finally:
                cursor.close()

    @cached_property
    def driver_execute(self):
        """The driver's own execute, for the SQL in driver_sql."""
        if self.connection.vendor == "sqlite":
            return sqlite3.Cursor.execute  # as SQLiteCursorWrapper.execute, once given a query with ? for %s
        return lambda cursor, sql, params: cursor.execute(sql, params)

    @cached_property
    def driver_sql(self):
        if self.connection.vendor == "sqlite":
            with closing(self.connection.create_cursor()) as cursor:
                return cursor.convert_query(self.sql)
        return self.sql

    @cached_property
    def as_dicts(self):
        """From the driver's rows, what iterating the values() queryset would give."""
        return self._converting(lambda cells: "{" + ", ".join(
            f"{name!r}: {cell}" for name, cell in zip(self.names, cells, strict=True)
        ) + "}")

    @cached_property
    def as_tuples(self):
        """From the driver's rows, what iterating the values_list() queryset would give."""
        return self._converting(lambda cells: "(" + "".join(f"{cell}, " for cell in cells) + ")")

    def _converting(self, row_of):
        """A function from the driver's rows to rows of the values the ORM's converters give them
        (SQLCompiler.apply_converters), `row_of` writing a row from its cells' code: the function is written out once
        as one comprehension, as namedtuple writes its class, since apply_converters' loops over each row's columns
        and each column's converters cost more than the converters themselves (a year's sums: 2.2 ms, 1.5 written)."""
        scope = {"connection": self.connection}
        cells = []
        for position in range(self.column_count):
            cell = f"v{position}"
            functions, scope[f"e{position}"] = self.converters.get(position, ((), None))
            for number, function in enumerate(functions):
                scope[f"f{position}_{number}"] = function
                cell = f"f{position}_{number}({cell}, e{position}, connection)"
            cells.append(cell)
        # Any columns after the selected ones (a distinct query's ordering) are read past, as the ORM does.
        columns = "".join(f"v{position}, " for position in range(self.column_count))
        if self.compiler.has_extra_select:
            columns += "*_, "
        exec(f"def convert(rows):\n    return [{row_of(cells)} for {columns}in rows]", scope)
        return scope["convert"]

    def chunks(self, values, size):
        # The cursor QuerySet.iterator() would use: server-side on PostgreSQL, so no range is read whole into memory,
        # unless the settings turn those off (as behind a transaction-pooling PgBouncer).
        server_side = not self.connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
        with self.connection.chunked_cursor() if server_side else self.connection.cursor() as cursor:
            cursor.execute(self.sql, self._params(values))
            while rows := cursor.fetchmany(size):
                yield rows

    def column_converters(self):
        return [self._converter(*self.converters[position]) if position in self.converters else _as_is
                for position in range(self.column_count)]

    def _converter(self, functions, expression):
        def convert(value):
            for function in functions:
                value = function(value, expression, self.connection)
            return value
        return convert

    def instance(self, row):
        instance = self.model.from_db(self.db, self.attnames, row[self.model_columns])
        for populator in self.related_populators:
            populator.populate(row, instance)
        for name, column in self.annotation_columns.items():
            setattr(instance, name, row[column])
        return instance


def _as_is(value):
    return value
