"""Querysets whose SQL is built once per database connection, then run with each request's values.

The ledger asks the same eight questions of every page (issue 11): building their SQL through the ORM cost more
than running it. A PreparedValues builds its values() queryset once with stand-in values, keeps the SQL the ORM
compiled for that connection, and runs it with the real values in the stand-ins' places, giving the same dicts
through the ORM's own converters (dates, decimals) on SQLite and PostgreSQL alike. Nothing is kept but SQL text:
every call reads the database, so no figure can be stale.

A long file (the entries CSV) reads the rows as the database driver gives them instead, a chunk at a time
(`chunks`), and converts each column itself with the converters Django would use (`converters`).
"""

import weakref
from datetime import date, datetime

from django.db import connections

# Values no request can ask for, so each parameter the ORM compiled is known by where its stand-in landed.
STAND_INS = {int: -7_357_913, date: date(1111, 11, 11)}
SECOND_DATE = date(1222, 12, 12)


class PreparedValues:
    """`build(**values)` returns a values() queryset; `rows(**values)` gives what iterating it would, as a list."""

    def __init__(self, build, **kinds):
        self.build = build
        self.stand_ins = self._stand_ins(kinds)
        self.queryset = None  # built with the stand-ins on first use, once the apps are ready
        self.prepared = weakref.WeakKeyDictionary()  # a database connection -> its Prepared

    @staticmethod
    def _stand_ins(kinds):
        """{name: stand-in} for {name: int or date}; a second date gets a stand-in of its own."""
        stand_ins, dates = {}, iter((STAND_INS[date], SECOND_DATE))
        for name, kind in kinds.items():
            stand_ins[name] = next(dates) if kind is date else STAND_INS[kind]
        return stand_ins

    def rows(self, **values):
        return self._for_connection().run(values)

    def chunks(self, size, **values):
        """The rows as tuples straight from the database driver (no converters), in lists of `size`."""
        return self._for_connection().chunks(values, size)

    def converters(self):
        """For each column, a function from the driver's value to the value values() would give."""
        return self._for_connection().column_converters()

    def _for_connection(self):
        if self.queryset is None:
            self.queryset = self.build(**self.stand_ins)
        connection = connections[self.queryset.db]
        prepared = self.prepared.get(connection)
        if prepared is None:
            prepared = self.prepared[connection] = Prepared(self.queryset, connection, self.stand_ins)
        return prepared


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

    def _adapt(self, value):
        if isinstance(value, date) and not isinstance(value, datetime):
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
        return [dict(zip(self.names, row, strict=True)) for row in rows]

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


def _as_is(value):
    return value


class _Constant:
    def __init__(self, value):
        self.value = value
