"""`make bench`: every page beside a trivial logged-in view, the CSV export, food search and gunicorn, in a table
and in .bench/results.json.

It works in its own SQLite database, .bench/bench.sqlite3, never the development one: it migrates it and runs
itself again (--here) in a subprocess whose DATABASE_URL points there and whose settings
(mgtracker.bench.settings) add the trivial view. The database keeps the complete USDA import and the two diaries
between runs; it is rebuilt when the schema, the importer or the bench itself changed (a hash in .bench/bench.key).
A second database, .bench/scale-150000.sqlite3, holds a copy with synthetic foods up to --foods (150,000) for the search
figures at ten times the table; a subprocess measures it, so its memory is one worker's.

Ratios are to the trivial view timed in the same run, requests alternating; on a shared or noisy machine compare
those and the calibration figure, not milliseconds.
"""

import argparse
import json
import os
import secrets
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import F
from django.test import Client

from foods.management.commands.bench_search import build_key, typed_queries
from foods.models import Food
from foods.search import results as search_results
from journal.ledger import forget_kept_days
from journal.models import MealEntry, Profile
from mgtracker.bench import diaries, scale, server, timing
from mgtracker.bench.urls import TRIVIAL_PATH

BENCH_DIR = Path(settings.BASE_DIR) / ".bench"
BENCH_DATABASE = BENCH_DIR / "bench.sqlite3"
BENCH_KEY = BENCH_DIR / "bench.key"
RESULTS = BENCH_DIR / "results.json"
BENCH_SETTINGS = "mgtracker.bench.settings"
BUILD_INPUTS = ("foods/migrations", "journal/migrations", "foods/management/commands/import_usda.py",
                "foods/search.py", "mgtracker/bench/diaries.py", "mgtracker/bench/scale.py")
CLIENTS = 8
MAX_ROUNDS = 1000
MAX_SECONDS = 60  # a page under gunicorn: the machine is shared
# Issue 11's goals. Ratios are to the trivial view in the same run; "at most" unless said.
PAGE_GOALS = {"week page": 3, "day page": 4, "today, below the goal": 5, "doctor report, one year": 10,
              "food search (whole request)": 2}
GUNICORN_GOAL = 0.4  # at least this share of the trivial view's requests a second
EXPORT_GOAL_ROWS_PER_S = 100_000  # at least
SEARCH_GOAL_OVER_NAIVE = 5  # at least this many times faster than the naive filter
SCALE_GOAL_MB = 100  # at most, one worker at --foods foods
# Timed as served: DEBUG off (no query log, static files named from the manifest), over plain HTTP on loopback.
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,testserver",
              "SECURE_SSL_REDIRECT": "0", "TRUSTED_PROXIES": "0"}


class Command(BaseCommand):
    help = "Time every page beside a trivial logged-in view, the export, search and gunicorn; write a table and JSON."

    def add_arguments(self, parser):
        parser.add_argument("--usda", type=Path, default=settings.USDA_DATA_DIR, help="USDA releases to import.")
        parser.add_argument("--rounds", type=int, default=40, help="Requests of each page (and of the trivial view).")
        parser.add_argument("--seconds", type=float, default=5, help="Seconds of gunicorn load on each page.")
        parser.add_argument("--foods", type=int, default=150_000, help="Foods in the search-at-scale database.")
        parser.add_argument("--quick", action="store_true", help="10 rounds, 2 s under gunicorn, fewer queries.")
        parser.add_argument("--no-server", action="store_true", help="Leave out the gunicorn figures.")
        parser.add_argument("--no-scale", action="store_true", help="Leave out the search-at-scale figures.")
        parser.add_argument("--json", type=Path, default=RESULTS, help="Where the results go.")
        parser.add_argument("--here", action="store_true", help="Measure the configured database as it is.")
        parser.add_argument("--synthesise", type=int, help=argparse.SUPPRESS)
        parser.add_argument("--probe-search", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if not (1 <= options["rounds"] <= MAX_ROUNDS and 0 < options["seconds"] <= MAX_SECONDS):
            raise CommandError(f"Use 1-{MAX_ROUNDS} rounds and at most {MAX_SECONDS} s under gunicorn.")
        if options["quick"]:
            options.update(rounds=min(options["rounds"], 10), seconds=min(options["seconds"], 2))
        if options["synthesise"]:
            scale.synthesise(options["synthesise"])
        elif options["probe_search"]:
            self.stdout.write(json.dumps(scale.probe(self.queries(options["quick"]))))
        elif options["here"]:
            results = self.measure(options)
            options["json"].parent.mkdir(parents=True, exist_ok=True)
            options["json"].write_text(json.dumps(results, indent=1))
            self.print_table(results)
            self.stdout.write(f"Written to {options['json']}.")
        else:
            self.run_in_bench_database(options)

    # The outer run: the bench's own database, and this command again inside it.

    def run_in_bench_database(self, options):
        BENCH_DIR.mkdir(exist_ok=True)
        key = build_key(settings.BASE_DIR, BUILD_INPUTS)
        if not BENCH_KEY.exists() or BENCH_KEY.read_text() != key:
            for database in (BENCH_DATABASE, *BENCH_DIR.glob("scale-*.sqlite3")):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{database}{suffix}").unlink(missing_ok=True)
        passed = [f"--usda={options['usda']}", f"--rounds={options['rounds']}", f"--seconds={options['seconds']}",
                  f"--foods={options['foods']}", f"--json={options['json']}"]
        passed += [f"--{flag.replace('_', '-')}" for flag in ("quick", "no_server", "no_scale") if options[flag]]
        setup = (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"])
        for command in (*setup, ["bench", "--here", *passed]):
            self.manage(command, BENCH_DATABASE)
        BENCH_KEY.write_text(key)

    def manage(self, command, database, capture=False):
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database.resolve()}",
               "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS, **PRODUCTION}
        run = subprocess.run([sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *command], env=env,
                             cwd=settings.BASE_DIR, capture_output=capture, text=True)
        if run.returncode:
            raise CommandError(f"manage.py {' '.join(command)} failed in {database}:\n{run.stderr or ''}")
        return run.stdout

    # The inner run: everything measured in the database the settings point at.

    def queries(self, quick):
        queries = typed_queries()
        return queries[::4] if quick else queries

    def measure(self, options):
        write = self.stdout.write
        write("Calibrating (a fixed pure-Python loop)...")
        results = {"calibration_ms": timing.calibration_ms(), "rounds": options["rounds"]}
        if not Food.objects.filter(owner=None).exists():
            write(f"No foods yet: importing {options['usda']} (once; the bench database keeps them).")
            call_command("import_usda", str(options["usda"]), stdout=self.stdout)
        write("Writing the diaries (when the calendar moved on since the last run)...")
        people = diaries.people()
        results["foods"] = Food.objects.filter(owner=None).count()
        results["meal_entries"] = {name: MealEntry.objects.filter(user=user).count() for name, user in people.items()}
        write("Timing the pages...")
        results["pages"] = self.pages(people, options["rounds"])
        write("Timing the entries CSV...")
        results["export"] = self.export(people[diaries.FIVE_YEARS])
        write("Timing food search...")
        results["search"] = self.search(people[diaries.FIVE_YEARS], options)
        if not options["no_server"]:
            write(f"gunicorn, {server.WORKERS} sync workers, {CLIENTS} clients, {options['seconds']} s a page...")
            results["gunicorn"] = self.gunicorn(people[diaries.FIVE_YEARS], options["seconds"])
        if not options["no_scale"] and connection.vendor == "sqlite":  # the scale database is an SQLite copy
            write(f"Search at {options['foods']} foods (built once, then kept)...")
            results["scale"] = self.scale(options)
        results["goals"] = goals(results)
        return results

    def pages(self, people, rounds):
        five_years, one_month = people[diaries.FIVE_YEARS], people[diaries.ONE_MONTH]
        today = Profile.for_user(five_years).today()
        yesterday, year_ago = today - timedelta(days=1), today - timedelta(days=364)
        report = f"/report/?start={year_ago}&end={today}"
        pages = {
            "trivial view": (five_years, TRIVIAL_PATH),
            "week page": (five_years, "/week/"),
            "day page": (five_years, f"/day/{yesterday}/"),
            "today, below the goal": (five_years, "/today/"),
            "doctor report, one year": (five_years, report),
            # The same report when something was logged today since it was last drawn, and when this process has
            # not drawn it before: the days it keeps (journal.ledger.days_of) are not there to be given again.
            "report, a meal logged before each": (five_years, report, lambda: _log_again(five_years, today)),
            "report, no day kept before each": (five_years, report, forget_kept_days),
            "food search (whole request)": (five_years, "/foods/search/?format=json&q=spinach"),
            "day page, one-month user": (one_month, f"/day/{yesterday}/"),
            "week page, one-month user": (one_month, "/week/"),
        }
        figures = {}
        for name, (user, path, *before) in pages.items():
            client = Client()
            client.force_login(user)
            rounds_here = rounds if "report" not in name else max(rounds // 4, 5)
            figures[name] = timing.page_figures(client, path, rounds_here, *before)
        return figures

    def export(self, user):
        client = Client()
        client.force_login(user)
        today = Profile.for_user(user).today()
        figures = {}
        for name, first in (("one year", today - timedelta(days=364)), ("five years", today - timedelta(days=5 * 365))):
            path = f"/export/?kind=entries&start={first}&end={today}"
            figures[name] = timing.export_figures(client, path)
            figures[name + " floor"] = timing.csv_floor(MealEntry.objects.filter(user=user, date__gte=first))
        return figures

    def search(self, user, options):
        queries = self.queries(options["quick"])
        return timing.search_figures(
            lambda query: search_results(query, user),
            lambda query: list(Food.objects.filter(name__icontains=query).prefetch_related("portions")[:20]),
            queries,
        )

    def gunicorn(self, user, seconds):
        yesterday = Profile.for_user(user).today() - timedelta(days=1)
        paths = {"trivial view": TRIVIAL_PATH, "day page": f"/day/{yesterday}/", "week page": "/week/"}
        rates = server.requests_per_second(user, list(paths.values()), CLIENTS, seconds)
        figures = {name: rates[path] for name, path in paths.items()}
        trivial = figures["trivial view"]["requests_per_s"]
        for page in figures.values():
            page["share_of_trivial"] = round(page["requests_per_s"] / trivial, 2) if trivial else None
        return figures

    def scale(self, options):
        here = Path(connection.settings_dict["NAME"])
        target = here.parent / f"scale-{options['foods']}.sqlite3"
        if not target.exists():
            connection.close()
            with sqlite3.connect(here) as source:
                source.execute("VACUUM INTO ?", (str(target),))
            self.manage(["bench", f"--synthesise={options['foods']}"], target)
        probe = ["bench", "--probe-search"] + (["--quick"] if options["quick"] else [])
        return json.loads(self.manage(probe, target, capture=True).strip().splitlines()[-1])

    def print_table(self, results):
        write = self.stdout.write
        write("")
        write(f"Calibration: {results['calibration_ms']} ms for a fixed pure-Python loop (lower is a faster machine).")
        write(f"{results['foods']} shared foods; meal entries: {results['meal_entries']}.")
        write("")
        write(f"{'page':32} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'trivial p50':>11} {'ratio':>6} "
              f"{'best ratio':>10}")
        for name, page in results["pages"].items():
            write(f"{name:32} {page['queries']:7} {page['p50_ms']:8.2f} {page['p95_ms']:8.2f} "
                  f"{page['trivial_p50_ms']:11.2f} {page['ratio']:5.1f}x {page['best_ratio']:9.1f}x")
        write("")
        for name, figures in results["export"].items():
            if figures is None:
                write(f"entries CSV, {name}: refused (the export form caps the range)")
            elif "chunks" in figures:
                write(f"entries CSV, {name}: {figures['rows']} rows, {figures['rows_per_s']} rows/s, "
                      f"{figures['chunks']} chunks, peak {figures['peak_mb']} MB (tracemalloc)")
            else:
                write(f"entries CSV, {name} (values_list + csv.writer): {figures['rows_per_s']} rows/s")
        search_figures = results["search"]
        write("")
        write(f"food search, {search_figures['queries']} typed queries: p50 {search_figures['p50_ms']} ms, "
              f"p95 {search_figures['p95_ms']} ms; naive icontains p50 {search_figures['naive_p50_ms']} ms, "
              f"p95 {search_figures['naive_p95_ms']} ms: search is {search_figures['naive_over_search']}x faster")
        if "gunicorn" in results:
            write("")
            for name, figures in results["gunicorn"].items():
                write(f"gunicorn {name:14} {figures['requests_per_s']:8.1f} requests/s "
                      f"({figures['share_of_trivial']:.0%} of the trivial view), {figures['errors']} errors")
        if "scale" in results:
            figures = results["scale"]
            write("")
            write(f"search at {figures['foods']} foods: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms; "
                  f"index built in {figures['index_build_s']} s; one worker holds {figures['worker_rss_mb']} MB "
                  f"(the index {figures['index_mb']} MB of it)")
        write("")
        write(f"{'goal (issue 11)':58} {'figure':>10} {'goal':>10}  met")
        for goal in results["goals"]:
            write(f"{goal['what']:58} {goal['figure']:>10} {goal['goal']:>10}  {'yes' if goal['met'] else 'NO'}")


def _log_again(user, day):
    """Write the day's first meal entry again as it is: the database stamps the day as written (journal.models.DayStamp)
    as it would for a meal logged, and the bench's diary stays as it was."""
    written = MealEntry.objects.filter(pk=MealEntry.objects.filter(user=user, date=day).order_by("pk")[:1]).update(
        grams=F("grams"))
    if written != 1:
        raise CommandError(f"The diary has no meal entry on {day} to log again.")


def goals(results):
    """Each of issue 11's goals beside the figure measured: {what, figure, goal, met}."""
    ratios = {name: results["pages"][name]["ratio"] for name in PAGE_GOALS}
    rows = [(f"{name}, x the trivial view", ratios[name], f"<= {most}", ratios[name] <= most)
            for name, most in PAGE_GOALS.items()]
    search = results["search"]
    rows.append(("search, x faster than the naive filter", search["naive_over_search"], f">= {SEARCH_GOAL_OVER_NAIVE}",
                 search["naive_over_search"] >= SEARCH_GOAL_OVER_NAIVE))
    for name in ("one year", "five years"):
        export = results["export"][name]
        rate = export["rows_per_s"] if export else 0
        rows.append((f"entries CSV, {name}, rows/s", rate, f">= {EXPORT_GOAL_ROWS_PER_S}",
                     rate >= EXPORT_GOAL_ROWS_PER_S))
    for name in ("day page", "week page"):
        if "gunicorn" in results:
            share = results["gunicorn"][name]["share_of_trivial"]
            rows.append((f"gunicorn {name}, share of the trivial view's requests/s", share, f">= {GUNICORN_GOAL}",
                         share >= GUNICORN_GOAL))
    if "scale" in results:
        held = results["scale"]["worker_rss_mb"]
        rows.append((f"one worker at {results['scale']['foods']} foods, MB", held, f"<= {SCALE_GOAL_MB}",
                     held <= SCALE_GOAL_MB))
    return [{"what": what, "figure": figure, "goal": goal, "met": met} for what, figure, goal, met in rows]

