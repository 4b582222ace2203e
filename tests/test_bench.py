"""`make bench` (manage.py bench): every page beside a trivial logged-in view, written as a table and as JSON.

Only what the run writes is checked here, on a tiny food table; timings are the machine's, never asserted.
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, reverse

from journal.models import MealEntry
from mgtracker.bench import diaries
from tests.builders import make_food, pumpkin_seeds, spinach

pytestmark = pytest.mark.django_db

PAGES = {
    "trivial view", "week page", "day page", "today, below the goal", "doctor report, one year",
    "report, a meal logged before each", "report, no day kept before each", "food search (whole request)",
    "day page, one-month user", "week page, one-month user",
}


def test_it_writes_each_page_the_export_and_search_beside_their_floors_as_json_and_a_table(settings, tmp_path):
    settings.ROOT_URLCONF = "mgtracker.bench.urls"
    pumpkin_seeds(), spinach()
    make_food("Almonds, raw", source_id="12061", magnesium_mg="270", category="Nut and Seed Products")
    out, results = StringIO(), tmp_path / "results.json"
    call_command("bench", "--here", "--rounds=2", "--no-server", "--no-scale", f"--json={results}", stdout=out)
    results, output = json.loads(results.read_text()), out.getvalue()

    assert set(results["pages"]) == PAGES
    for figures in results["pages"].values():
        assert {"queries", "p50_ms", "p95_ms", "trivial_p50_ms", "ratio", "best_ratio"} <= set(figures)
        assert figures["p50_ms"] <= figures["p95_ms"]
    assert results["pages"]["trivial view"]["queries"] == 2  # the session and the user
    assert results["pages"]["day page"]["queries"] > results["pages"]["trivial view"]["queries"]
    # Drawn again with nothing written, the report's days are kept; today logged again, only today is read again (its
    # six sums and its figure notes); with no day kept, every day of the year is (the same seven, over the year).
    report_queries = {name: figures["queries"] for name, figures in results["pages"].items() if "report" in name}
    assert report_queries == {"doctor report, one year": 16, "report, a meal logged before each": 23,
                              "report, no day kept before each": 23}
    assert results["calibration_ms"] > 0

    one_year = results["export"]["one year"]
    # 364 lived days of nine foods, a dose and a note, and today's breakfast.
    assert one_year["rows"] == 364 * 9 + 1 + 364 + 364
    assert {"rows_per_s", "peak_mb", "chunks"} <= set(one_year)
    assert results["export"]["one year floor"]["rows"] == 364 * 9 + 1
    assert {"p50_ms", "p95_ms", "naive_p50_ms", "naive_p95_ms", "naive_over_search"} <= set(results["search"])

    goals = {goal["what"]: goal for goal in results["goals"]}
    assert goals["day page, x the trivial view"]["figure"] == results["pages"]["day page"]["ratio"]
    assert goals["day page, x the trivial view"]["met"] == (results["pages"]["day page"]["ratio"] <= 4)
    assert goals["entries CSV, one year, rows/s"]["figure"] == one_year["rows_per_s"]

    assert "Calibration:" in output
    assert "goal (issue 11)" in output
    assert "doctor report, one year" in output
    assert "entries CSV, one year:" in output
    assert "food search," in output


def test_the_diaries_hold_five_years_and_a_month_of_three_meals_of_three_foods():
    pumpkin_seeds(), spinach()
    make_food("Almonds, raw", source_id="12061", magnesium_mg="270")
    people = diaries.people()
    assert MealEntry.objects.filter(user=people[diaries.FIVE_YEARS]).count() == (5 * 365 + 1) * 9 + 1
    assert MealEntry.objects.filter(user=people[diaries.ONE_MONTH]).count() == 30 * 9 + 1
    assert diaries.people() == people  # kept while they end today


def test_the_trivial_view_is_in_no_production_url():
    with pytest.raises(NoReverseMatch):
        reverse("bench_ok")


def test_it_refuses_a_run_that_would_hold_the_shared_machine_too_long():
    with pytest.raises(CommandError, match="at most 60 s under gunicorn"):
        call_command("bench", "--here", "--seconds=600", stdout=StringIO())
