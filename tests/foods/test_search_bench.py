"""bench_search prints p50/p95 for food search beside a naive filter, in a database of its own."""

import subprocess
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from foods.management.commands import bench_search
from foods.models import Food
from tests.builders import make_food

pytestmark = pytest.mark.django_db


def run_here(*args):
    out = StringIO()
    call_command("bench_search", "--here", "--repeat=1", *args, stdout=out)
    return out.getvalue()


def test_it_prints_p50_and_p95_for_search_and_the_naive_filter():
    make_food("Bananas, raw", source_id="09040", portions=[("1 medium", "118")])
    make_food("Spinach, raw", source_id="11457")
    make_food("Avocados, raw, all commercial varieties", source_id="09037")
    output = run_here()
    assert "3 foods" in output
    search_line = next(line for line in output.splitlines() if line.startswith("foods.search"))
    naive_line = next(line for line in output.splitlines() if line.startswith("naive name__icontains"))
    for line in (search_line, naive_line):
        assert "p50" in line and "p95" in line and line.endswith("ms")
    assert "ratio search / naive" in output
    assert "index build" in output


def test_it_leaves_no_bench_user_behind():
    make_food("Bananas, raw", source_id="09040")
    run_here()
    assert not get_user_model().objects.exists()


def test_it_imports_the_usda_releases_into_an_empty_database(monkeypatch):
    imported = []

    def fake_call_command(name, path, **kwargs):
        imported.append((name, path))
        make_food("Nuts, almonds", source_id="12061")

    monkeypatch.setattr(bench_search, "call_command", fake_call_command)
    output = run_here("--usda=/data/usda")
    assert imported == [("import_usda", "/data/usda")]
    assert "1 foods" in output
    assert Food.objects.count() == 1


def test_the_bench_runs_in_its_own_database_never_the_development_one(monkeypatch, tmp_path, settings):
    commands = []

    def fake_run(command, env, cwd):
        commands.append((command[2:], env["DATABASE_URL"]))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(bench_search, "BENCH_DIR", tmp_path)
    monkeypatch.setattr(bench_search, "BENCH_DATABASE", tmp_path / "bench.sqlite3")
    monkeypatch.setattr(bench_search, "BENCH_KEY", tmp_path / "bench.key")
    monkeypatch.setattr(bench_search.subprocess, "run", fake_run)
    (tmp_path / "bench.sqlite3").write_text("built by an older importer")
    call_command("bench_search", "--usda=/data/usda", stdout=StringIO())
    database_url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    assert commands == [
        (["migrate", "--noinput", "-v0"], database_url),
        (["bench_search", "--here", "--repeat=3", "--usda=/data/usda"], database_url),
    ]
    assert not (tmp_path / "bench.sqlite3").exists()  # stale: no key matched, so it was thrown away
    assert (tmp_path / "bench.key").read_text() == bench_search.build_key(settings.BASE_DIR)
