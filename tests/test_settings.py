import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from mgtracker import settings as project_settings
from mgtracker.storage import StaticFilesStorage


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False)]
)
def test_envbool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert project_settings.envbool("FLAG", "false") is expected


def test_envbool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        project_settings.envbool("DEBUG", "true")


def test_envint_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        project_settings.envint("EMAIL_PORT", "25")


def test_database_url_selects_postgresql():
    database = project_settings.database_from_url("postgres://mg:s%40cret@db.example:5433/mgtracker")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("mgtracker", "mg", "s@cret")
    assert (database["HOST"], str(database["PORT"])) == ("db.example", "5433")
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_database_url_keeps_its_options():
    database = project_settings.database_from_url(
        "postgresql://mg@db.example/mgtracker?sslmode=require&connect_timeout=5"
    )
    assert database["OPTIONS"] == {"sslmode": "require", "connect_timeout": 5}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("sqlite:///data/mg.sqlite3", project_settings.BASE_DIR / "data" / "mg.sqlite3"),
        ("sqlite:////var/lib/mg.sqlite3", project_settings.Path("/var/lib/mg.sqlite3")),
    ],
)
def test_sqlite_urls_keep_the_sqlite_tuning(url, name):
    database = project_settings.database_from_url(url)
    assert database == project_settings.sqlite_database(name)


def test_sqlite_url_options_override_the_tuning():
    database = project_settings.database_from_url("sqlite:///mg.sqlite3?timeout=60")
    assert database["OPTIONS"]["timeout"] == 60
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_refuses_unknown_schemes():
    with pytest.raises(ImproperlyConfigured, match="'mysql' is not supported"):
        project_settings.database_from_url("mysql://localhost/mg")


def test_database_url_refuses_a_broken_url():
    with pytest.raises(ImproperlyConfigured, match="not a valid URL"):
        project_settings.database_from_url("postgres://mg:pa:ss@db.example:port/mgtracker")


def test_the_database_in_use_is_tuned_for_a_web_app(db):
    if connection.vendor == "sqlite":
        options = connection.settings_dict["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5
        assert "journal_mode=WAL" in options["init_command"]
    else:
        assert connection.vendor == "postgresql"
    # Either engine keeps its connection for the next request, checked before reuse.
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0


def test_static_files_collect_with_hashed_names(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert list(tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css"))
    assert (tmp_path / "staticfiles.json").exists()


def test_a_static_files_url_is_the_manifests_hashed_one_each_time(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "mgtracker.storage.StaticFilesStorage"}}
    call_command("collectstatic", "--noinput", verbosity=0)
    storage = StaticFilesStorage()  # reads the manifest just written, as a server process does when it starts
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]

    assert storage.url("css/app.css") == f"/static/{manifest['css/app.css']}"
    assert re.fullmatch(r"/static/css/app\.[0-9a-f]{12}\.css", storage.url("css/app.css"))  # asked again: the same
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("css/nowhere.css")
