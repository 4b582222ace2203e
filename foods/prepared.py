"""Small queries run on every search, their SQL written by the ORM once a process.

Building a queryset and compiling it costs ten times running a query by primary key or owner (measured on SQLite,
the bench's 14,561 foods: some 0.25 ms against 0.02 ms), which was most of a search's time. A `Prepared` query has
the ORM write its SQL once, with sample parameters, and then runs that SQL with each search's own: the SQL is the
database's own dialect (SQLite, PostgreSQL) and follows the models, and the rows go through the same converters
(decimals, UUIDs) as the queryset's would. Only the parameters change between runs.
"""

from django.db import connection


class Prepared:
    """`build(*params)` makes the queryset; its SQL must take exactly those parameters (integers), in that order.

    A query taking a list (`pk__in`) is written once for each length of it.
    """

    def __init__(self, build):
        self._build = build
        self._written = {}  # (database vendor, number of parameters) -> (compiler, SQL, converters)

    def rows(self, *params):
        key = (connection.vendor, len(params))
        written = self._written.get(key)
        if written is None:
            sample = tuple(range(-1, -len(params) - 1, -1))  # no id the ORM could add of itself
            compiler = self._build(*sample).query.get_compiler(connection=connection)
            sql, written_with = compiler.as_sql()
            if tuple(written_with) != sample:
                raise ValueError(f"The SQL takes {written_with!r}, not only the parameters {sample!r}: {sql}")
            # As SQLCompiler.results_iter converts the rows it fetches, the converters found once.
            converters = compiler.get_converters([column for column, *_ in compiler.select[:compiler.col_count]])
            written = self._written[key] = (compiler, sql, converters)
        compiler, sql, converters = written
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return list(map(tuple, compiler.apply_converters(rows, converters))) if converters else rows
