from datetime import date


class DateConverter:
    """ISO dates in URLs: /day/2026-11-25/. An impossible date (2026-02-30) is a 404, not a 500."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return date.fromisoformat(value)  # ValueError makes the resolver try the next pattern, then 404

    def to_url(self, value):
        return value.isoformat()
