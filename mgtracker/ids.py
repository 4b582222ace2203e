"""Row ids read from a query string or a hidden field, where a person (or a crafted link) may put anything."""

# The largest id both databases' integer keys hold (PostgreSQL's integer; SQLite overflows past 2**63 - 1).
LARGEST_ID = 2**31 - 1


def row_id(value):
    """`value` as a row id, or None when it cannot be one: "12" is 12; "", "-1", "²", "1e3" and 99999999999 are None.
    str.isdigit() alone accepts "²" and other digits int() refuses."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None
