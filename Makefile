# The two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test setup bench soak clean

# Reinstall only when a requirements file changed since the last install.
$(VENV)/.runtime-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_foods

# The demo account is made afresh on each run (DEBUG on only: seed_demo refuses otherwise, and the site still runs).
run: setup
	@echo
	@$(PY) manage.py seed_demo || true
	@echo "  mgtracker is serving on http://$(HOST_PORT)/  (Ctrl-C stops it)"
	@echo
	$(PY) manage.py runserver $(HOST_PORT)

test: setup $(VENV)/.dev-installed
	$(PY) -m pytest

# Every page beside a trivial logged-in view, in .bench/ (a table, and .bench/results.json); BENCH_OPTIONS=--quick is shorter.
bench: $(VENV)/.dev-installed
	$(PY) manage.py bench $(BENCH_OPTIONS)

# Concurrent clients write against gunicorn on 127.0.0.1, restarted half-way; fails if an accepted write is lost.
SOAK_CLIENTS ?= 20
SOAK_SECONDS ?= 30
soak: setup
	$(PY) manage.py soak --clients $(SOAK_CLIENTS) --seconds $(SOAK_SECONDS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .bench
