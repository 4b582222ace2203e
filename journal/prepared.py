"""Querysets whose SQL is built once per database connection, then run with each request's values.

The ledger asks the same eight questions of every page, and the day page a dozen more (issue 11): building their
SQL through the ORM cost more than running it. A prepared query builds its queryset once with stand-in values,
keeps the SQL the ORM compiled for that connection, and runs it with the real values in the stand-ins' places,
giving what iterating the queryset would through the ORM's own converters (dates, decimals) and, for model
instances, its own way of building them (select_related followed, prefetch_related run), on SQLite and PostgreSQL
alike. Nothing is kept but SQL text: every call reads the database, so no figure can be stale.

A long file (the entries CSV) reads the rows as the database driver gives them instead, a chunk at a time
(`chunks`), and converts each column itself with the converters Django would use (`converters`).
"""

import weakref
from datetime import UTC, date, datetime

from django.db import connections
from django.db.models import prefetch_related_objects
from django.db.models.query import get_related_populators

# Values no request can ask for, so each parameter the ORM compiled is known by where its stand-in landed; a kind
# asked for twice in one query (a range's two ends) takes the next stand-in of its kind.
STAND_INS = {
    int: (-7_357_913, -7_357_914),
    date: (date(1111, 11, 11), date(1222, 12, 12)),
    datetime: (datetime(1111, 11, 11, 11, 11, 11, tzinfo=UTC), datetime(1222, 12, 12, 12, 12, 12, tzinfo=UTC)),
}


class PreparedQuery:
    """`build(**values)` returns a queryset; the keyword arguments name each value's kind (int, date, datetime)."""

    def __init__(self, build, **kinds):
        self.build = build
        self.stand_ins = self._stand_ins(kinds)
        self.queryset = None  # built with the stand-ins on first use, once the apps are ready
        self.prepared = weakref.WeakKeyDictionary()  # a database connection -> its Prepared

    @staticmethod
    def _stand_ins(kinds):
        """{name: stand-in} for {name: kind}, each name a stand-in of its own."""
        unused = {kind: iter(values) for kind, values in STAND_INS.items()}
        return {name: next(unused[kind]) for name, kind in kinds.items()}

    def _for_connection(self):
        if self.queryset is None:
            self.queryset = self.build(**self.stand_ins)
        connection = connections[self.queryset.db]
        prepared = self.prepared.get(connection)
        if prepared is None:
            prepared = self.prepared[connection] = Prepared(self.queryset, connection, self.stand_ins)
        return prepared

    def _run(self, values):
        prepared = self._for_connection()
        return prepared, prepared.run(values)


class PreparedValues(PreparedQuery):
    """For a values() queryset: `rows(**values)` gives what iterating it would, as a list of dicts."""

    def rows(self, **values):
        prepared, rows = self._run(values)
        return [dict(zip(prepared.names, row, strict=True)) for row in rows]

    def chunks(self, size, **values):
        """The rows as tuples straight from the database driver (no converters), in lists of `size`."""
        return self._for_connection().chunks(values, size)

    def converters(self):
        """For each column, a function from the driver's value to the value values() would give."""
        return self._for_connection().column_converters()


class PreparedObjects(PreparedQuery):
    """For a queryset of model instances: `objects(**values)` gives what iterating it would, as a list."""

    def objects(self, **values):
        prepared, rows = self._run(values)
        instances = [prepared.instance(row) for row in rows]
        lookups = self.queryset._prefetch_related_lookups
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
        fields = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(fields)
        self.column_count = len(fields)
        adapted = {name: self._adapt(value) for name, value in stand_ins.items()}
        # Each parameter: the name of the value it stands for, or a constant of the query itself.
        self.params = [next((name for name, value in adapted.items() if value == param), _Constant(param))
                       for param in params]
        missing = set(stand_ins) - set(self.params)
        if missing:
            raise ValueError(f"The SQL does not take {', '.join(sorted(missing))} as parameters: {self.sql}")
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

    def _params(self, values):
        return [param.value if isinstance(param, _Constant) else self._adapt(values[param]) for param in self.params]

    def run(self, values):
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, self._params(values))
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        return rows

    def chunks(self, values, size):
        # The cursor QuerySet.iterator() would use: server-side on PostgreSQL, so no range is read whole into memory.
        with self.connection.chunked_cursor() as cursor:
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


class _Constant:
    def __init__(self, value):
        self.value = value
