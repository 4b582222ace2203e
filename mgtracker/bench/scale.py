"""Search at ten times the foods: synthetic products on top of the USDA import, and what one worker then holds.

Every web worker keeps the shared foods' search index in memory (foods.search), so its size grows with the food
table; issue 11 allows at most 100 MB a worker at 150,000 foods. The synthetic foods are branded versions of the
real ones ("KELVARO Nuts, almonds, ..."): each brand is a new word, as the branded food table brings new words.
"""

import random
import resource
import time
from pathlib import Path

from django.contrib.auth import get_user_model

from foods.models import Food, SearchIndexVersion
from foods.search import prepare, results, shared_index
from mgtracker.bench.timing import percentiles

BRANDS = 3000
BATCH = 5000


def synthesise(total):
    """Add branded copies of the shared foods until there are `total` of them."""
    real = list(Food.objects.filter(owner=None).values_list("name", "category", "magnesium_mg"))
    missing = total - len(real)
    choose = random.Random(total)
    letters = "ABCDEFGHIJKLMNOPRSTUVWY"
    brands = ["".join(choose.choice(letters) for _ in range(choose.randrange(4, 9))) for _ in range(BRANDS)]
    batch = []
    for number in range(missing):
        name, category, magnesium = choose.choice(real)
        food = Food(name=f"{choose.choice(brands)} {name}"[:255], category=category, source=Food.Source.FNDDS,
                    source_id=f"bench{number}", magnesium_mg=magnesium)
        prepare(food)
        batch.append(food)
        if len(batch) == BATCH:
            Food.objects.bulk_create(batch)
            batch = []
    Food.objects.bulk_create(batch)
    SearchIndexVersion.bump()


def probe(queries):
    """Search p50/p95 and this process's resident memory before and after it built the index."""
    user, _ = get_user_model().objects.get_or_create(username="bench-scale")
    before = _rss_mb()
    started = time.perf_counter()
    shared_index.get()
    build_s = time.perf_counter() - started
    after = _rss_mb()
    seconds = []
    for query in queries:
        started = time.perf_counter()
        results(query, user)
        seconds.append(time.perf_counter() - started)
    p50, p95 = percentiles(seconds)
    return {
        "foods": Food.objects.filter(owner=None).count(), "queries": len(queries),
        "p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "index_build_s": round(build_s, 2),
        "worker_rss_mb": round(max(after, _rss_mb()), 1), "index_mb": round(after - before, 1),
    }


def _rss_mb():
    """This process's peak resident memory so far, in MB.

    Linux's VmHWM is this program's own; getrusage's maxrss also holds the peak of the process it was started from
    (Linux keeps it across fork and exec), so the bench's own memory, 182 MB after an import, showed as the worker's.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes, as Linux and BSD report it
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
