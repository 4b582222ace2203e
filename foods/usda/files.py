"""Reading the rows of USDA release files, with line numbers and clear failures."""

import csv


class ReleaseError(Exception):
    """A release cannot be read at all: a file is missing, unreadable or has the wrong columns."""


def sr28_rows(path):
    """(line, fields) of an SR28 ASCII table: `^`-separated, `~`-quoted, Latin-1, CRLF."""
    yield from _rows(path, "latin-1", delimiter="^", quotechar="~")


def csv_rows(path, columns):
    """(line, {column: text}) of a CSV file that must have at least `columns`.

    A quoted field may span lines (FDC food.csv has such descriptions): the line
    number is where the record ends, as the csv module counts.
    """
    rows = _rows(path, "utf-8-sig")
    try:
        _, header = next(rows)
    except StopIteration:
        raise ReleaseError(f"{path} is empty") from None
    missing = [column for column in columns if column not in header]
    if missing:
        raise ReleaseError(f"{path} lacks the column(s) {', '.join(missing)}")
    for line, fields in rows:
        yield line, dict(zip(header, fields, strict=False))


def _rows(path, encoding, **dialect):
    reader = None
    try:
        with open(path, newline="", encoding=encoding) as file:
            reader = csv.reader(file, **dialect)
            for fields in reader:
                if any(field.strip() for field in fields):
                    yield reader.line_num, fields
    except OSError as error:
        raise ReleaseError(f"cannot read {path}: {error.strerror}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        line = reader.line_num if reader else 0
        raise ReleaseError(f"cannot read {path} near line {line}: {error}") from error
