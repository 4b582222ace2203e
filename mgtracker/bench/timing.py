"""Timing requests through the whole Django handler, each page beside the trivial view in the same run.

A page's requests alternate with the trivial view's, so a burst of load from elsewhere on the machine falls on
both and their ratio stays comparable between runs; absolute times are not. On a heavily shared machine the ratio
of the fastest requests (best_ratio) moves least.
"""

import csv
import io
import time
import tracemalloc

from django.db import connection

from foods.management.commands.bench_search import percentiles
from mgtracker.bench.urls import TRIVIAL_PATH

CALIBRATION_LOOP = 2_000_000


def calibration_ms():
    """The best of five runs of a fixed pure-Python loop: how fast this machine (and its load) is right now."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(CALIBRATION_LOOP):
            total += number * number % 7
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def fetch(client, path):
    """Seconds for one request, its body read to the end, and the response."""
    started = time.perf_counter()
    response = client.get(path)
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
    else:
        response.content  # noqa: B018 (read, as a server would send it)
    return time.perf_counter() - started, response


def page_figures(client, path, rounds, before=None):
    """Query count, p50 and p95 of `path` and of the trivial view, requests alternating, and their ratio. `before`,
    if given, is called before each request of the page, untimed: to write to the diary, or to forget what the
    process keeps."""
    before = before or (lambda: None)
    for _ in range(2):  # warm: templates compiled, indexes built, connection open
        before()
        fetch(client, path)
        fetch(client, TRIVIAL_PATH)
    queries = []
    before()
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        _, response = fetch(client, path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    page, trivial = [], []
    for _ in range(rounds):
        trivial.append(fetch(client, TRIVIAL_PATH)[0])
        before()
        page.append(fetch(client, path)[0])
    p50, p95 = percentiles(page)
    trivial_p50, trivial_p95 = percentiles(trivial)
    return {
        "path": path, "queries": len(queries), "p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
        "trivial_p50_ms": round(trivial_p50, 2), "trivial_p95_ms": round(trivial_p95, 2),
        "ratio": round(p50 / trivial_p50, 2),
        # Load from elsewhere only ever adds time, so the fastest of each is the steadiest comparison on a busy
        # machine; the goals use the p50 ratio.
        "best_ratio": round(min(page) / min(trivial), 2),
    }


def export_figures(client, path):
    """Rows a second, chunks sent and the peak of Python memory (tracemalloc, a second run) of one CSV download;
    None when the export refuses the range (its form answers with a page instead of a file)."""
    # A new client builds its handler's middleware on its first request (WhiteNoise reads every static file then),
    # which a server does once at start: not the download's time. The export's own first use stays in.
    fetch(client, TRIVIAL_PATH)
    started = time.perf_counter()
    response = client.get(path)
    if not response.streaming:
        return None
    rows = chunks = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
        chunks += 1
    seconds = time.perf_counter() - started
    rows -= 1  # the header
    tracemalloc.start()
    fetch(client, path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"rows": rows, "chunks": chunks, "seconds": round(seconds, 3), "rows_per_s": round(rows / seconds),
            "peak_mb": round(peak / 2**20, 1)}


def csv_floor(queryset):
    """Rows a second of the plainest CSV Django can write: values_list straight into csv.writer."""
    started = time.perf_counter()
    writer = csv.writer(io.StringIO())
    rows = 0
    for row in queryset.values_list().iterator(chunk_size=2000):
        writer.writerow(row)
        rows += 1
    seconds = time.perf_counter() - started
    return {"rows": rows, "rows_per_s": round(rows / seconds)}


def search_figures(search, naive, queries):
    """p50/p95 of `search(query)` and `naive(query)` over the same queries, alternating."""
    ours, theirs = [], []
    for query in queries:
        started = time.perf_counter()
        search(query)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        naive(query)
        theirs.append(time.perf_counter() - started)
    ours_p50, ours_p95 = percentiles(ours)
    naive_p50, naive_p95 = percentiles(theirs)
    return {"queries": len(queries), "p50_ms": round(ours_p50, 2), "p95_ms": round(ours_p95, 2),
            "naive_p50_ms": round(naive_p50, 2), "naive_p95_ms": round(naive_p95, 2),
            "naive_over_search": round(naive_p50 / ours_p50, 2)}
