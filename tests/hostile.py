"""Hypothesis strategies for what a hostile or clumsy visitor may type into any field."""

from datetime import date

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FEW_EXAMPLES = settings(
    max_examples=25, deadline=None, derandomize=True,
    # pytest-django's per-test database is shared by a test's examples: each example checks what it changed.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SPECIAL = [
    "NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e309", "-1e309", "1E+999999999", "1e-400", "-0", "0",
    "-1", "-0.001", "0.0001", "", " ", "\x00", "5\x00", "\t\r\n", "<script>alert(1)</script>", '"><img src=x>',
    "' OR '1'='1", "1; DROP TABLE journal_mealentry; --", "１２", "٣", "1,5", "1_000", "0x1F", "9" * 300,
    "0." + "0" * 300 + "1", "9999-12-31", "0001-01-01", "1899-12-31", "10000-01-01", "2026-02-30", "2026-13-01",
    "9999-12-31T23:59", "0001-01-01T00:00", "1899-12-31T23:59", "x" * 6000, "\u202eevil", "🧂" * 100,
]

hostile_values = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=200),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(str),
)


def hostile_forms(baseline):
    """The valid `baseline` form with one or more of its fields replaced by hostile values."""
    changes = st.dictionaries(st.sampled_from(sorted(baseline)), hostile_values, min_size=1)
    return changes.map(lambda changed: {**baseline, **changed})
