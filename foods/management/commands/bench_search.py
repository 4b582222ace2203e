"""Time food search against a naive `name__icontains` filter over the complete USDA import.

`make bench` runs this. It works in its own SQLite database, .bench/bench.sqlite3,
never the development one: it runs `migrate` and then itself again (with --here)
in subprocesses whose DATABASE_URL points there, and the inner run imports the
USDA releases with `import_usda` when the bench database holds no food. The bench
database is thrown away and rebuilt when the schema, the importer or the search
code changed since it was built (a hash kept in .bench/bench.key).

`--here` times the database the settings point at, as it is; everything it writes
(a bench user, a new index stamp) is rolled back. Both sides fetch the twenty
foods with their portions, as the type-ahead needs them (foods.search.results),
so the ratio compares the same work. It also times the build of the in-memory
index, which each server process pays on its first search and after every import.
"""

import hashlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from foods.models import Food, SearchIndexVersion
from foods.search import results as search_results
from foods.search import shared_index

BENCH_DIR = Path(settings.BASE_DIR) / ".bench"
BENCH_DATABASE = BENCH_DIR / "bench.sqlite3"
BENCH_KEY = BENCH_DIR / "bench.key"
DEFAULT_USDA = settings.USDA_DATA_DIR
# Files whose change makes a built bench database stale.
BUILD_INPUTS = ("foods/migrations", "foods/management/commands/import_usda.py", "foods/search.py")

EVERYDAY_FOODS = """
banana, apple, orange, avocado, avacado, spinach, spinnach, kale, broccoli, carrots, sweet potato, potato,
baked potato, tomato, cucumber, lettuce, onion, garlic, mushrooms, peas, green beans, corn, black beans,
kidney beans, chickpeas, lentils, cooked lentils, raw spinach, tofu, edamame, soy milk, oat milk, almond milk,
milk, whole milk, skim milk, yogurt, greek yogurt, cheddar cheese, cottage cheese, egg, eggs, scrambled eggs,
butter, olive oil, peanut butter, almond butter, almonds, almnds, cashews, walnuts, peanuts, pistachios,
pumpkin seeds, sunflower seeds, chia seeds, flaxseed, hemp seeds, sesame seeds, dark chocolate, chocolate dark,
milk chocolate, cocoa powder, oatmeal, oats, granola, bran flakes, cornflakes, brown rice, white rice, quinoa,
whole wheat bread, white bread, bagel, pasta, spaghetti, tortilla, crackers, popcorn, chicken breast,
chicken thigh, turkey, ground beef, steak, pork chop, bacon, ham, salmon, tuna, sardines, shrimp, cod,
halibut, mackerel, blueberries, strawberries, raspberries, grapes, watermelon, mango, pineapple, kiwi, figs,
dates, raisins, prunes, orange juice, apple juice, coffee, tea, green tea, coconut water, beer, wine, soda,
hummus, guacamole, salsa, pizza, hamburger, french fries, burrito, sushi, ice cream, cookies, brownie,
muffin, pancakes, waffles, cereal, molasses, blackstrap molasses, swiss chard, beet greens, okra, artichoke,
acorn squash, butternut squash, pumpkin, zucchini, cauliflower, brussels sprouts, asparagus, celery, bell pepper
"""
EVERYDAY_QUERIES = [query.strip() for query in EVERYDAY_FOODS.replace("\n", " ").split(",") if query.strip()]


def typed_queries():
    """Each everyday query, and what the type-ahead sends while it is typed (its first 3 and 5 letters)."""
    queries = []
    for query in EVERYDAY_QUERIES:
        queries.extend(dict.fromkeys([query[:3], query[:5], query]))
    return queries


def percentiles(seconds):
    """(p50, p95) in milliseconds."""
    milliseconds = sorted(value * 1000 for value in seconds)
    if len(milliseconds) == 1:
        return milliseconds[0], milliseconds[0]
    return statistics.median(milliseconds), statistics.quantiles(milliseconds, n=20, method="inclusive")[18]


def build_key(base_dir, inputs=BUILD_INPUTS):
    digest = hashlib.sha256()
    for name in inputs:
        path = Path(base_dir) / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if file.exists():
                digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Time food search (p50/p95) against a naive name__icontains filter over the complete USDA import."

    def add_arguments(self, parser):
        parser.add_argument("--usda", type=Path, default=DEFAULT_USDA, help="The USDA releases for import_usda.")
        parser.add_argument("--repeat", type=int, default=3, help="How many times each query runs.")
        parser.add_argument("--here", action="store_true", help="Time the configured database as it is.")

    def handle(self, *args, usda, repeat, here, **options):
        if here:
            self.time_searches(repeat, usda)
        else:
            self.run_in_bench_database(usda, repeat)

    def run_in_bench_database(self, usda, repeat):
        BENCH_DIR.mkdir(exist_ok=True)
        key = build_key(settings.BASE_DIR)
        if not BENCH_KEY.exists() or BENCH_KEY.read_text() != key:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{BENCH_DATABASE}{suffix}").unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{BENCH_DATABASE.resolve()}"}
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        for command in (["migrate", "--noinput", "-v0"], ["bench_search", "--here", f"--repeat={repeat}",
                                                          f"--usda={usda}"]):
            if subprocess.run(manage + command, env=env, cwd=settings.BASE_DIR).returncode:
                raise CommandError(f"manage.py {command[0]} failed in the bench database {BENCH_DATABASE}.")
        BENCH_KEY.write_text(key)

    def time_searches(self, repeat, usda):
        shared_foods = Food.objects.filter(owner=None)
        if not shared_foods.exists():
            self.stdout.write(f"No foods yet: importing {usda} (once; the bench database keeps them).")
            call_command("import_usda", str(usda), stdout=self.stdout)
        queries = typed_queries()
        with transaction.atomic():
            user = get_user_model().objects.create_user("bench-search-user")
            ours, naive, found, naive_found = [], [], 0, 0
            SearchIndexVersion.bump()  # as an import does: the next search rebuilds the index
            started = time.perf_counter()
            shared_index.get()
            build_seconds = time.perf_counter() - started
            for query in queries:
                for _ in range(repeat):
                    started = time.perf_counter()
                    results = search_results(query, user)
                    ours.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    naive_results = list(Food.objects.filter(name__icontains=query).prefetch_related("portions")[:20])
                    naive.append(time.perf_counter() - started)
                found += bool(results)
                naive_found += bool(naive_results)
            transaction.set_rollback(True)
        self.report(shared_foods.count(), len(queries), repeat, ours, naive, found, naive_found, build_seconds)

    def report(self, food_count, query_count, repeat, ours, naive, found, naive_found, build_seconds):
        ours_p50, ours_p95 = percentiles(ours)
        naive_p50, naive_p95 = percentiles(naive)
        write = self.stdout.write
        write(f"{food_count} foods, {query_count} queries (whole words and what the type-ahead sends) x {repeat}")
        write(f"foods.search (top 20 with portions):    p50 {ours_p50:7.2f} ms   p95 {ours_p95:7.2f} ms")
        write(f"naive name__icontains [:20] + portions: p50 {naive_p50:7.2f} ms   p95 {naive_p95:7.2f} ms")
        write(f"ratio search / naive:                   p50 {ours_p50 / naive_p50:7.2f} x    "
              f"p95 {ours_p95 / naive_p95:7.2f} x")
        write(f"queries with results: search {found}/{query_count}, naive {naive_found}/{query_count}")
        write(f"index build (first search of a process, and after each import): {build_seconds * 1000:.0f} ms")
