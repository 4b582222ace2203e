"""Production settings plus the bench's trivial view; only `manage.py bench` and the gunicorn it starts use them."""

from mgtracker.settings import *  # noqa: F403

ROOT_URLCONF = "mgtracker.bench.urls"
