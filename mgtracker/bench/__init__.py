"""`make bench`: every page of mgtracker timed beside a trivial logged-in view, in a database of its own.

The command is journal/management/commands/bench.py; this package holds what it needs and production never
loads: the settings and URLs that add the trivial view, the diaries it times, the timing itself and the
gunicorn run.
"""
