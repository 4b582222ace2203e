"""Soak test: concurrent people log meals and doses against a real gunicorn, which is restarted half-way.

`make soak` runs this. It makes one user (with a custom food and a supplement) per client in the database the
settings point at, starts gunicorn on 127.0.0.1 with production settings (DEBUG off), and has every client, each
with a logged-in session of its own, alternate meals and doses until the time is up. Half-way it stops the
server (SIGTERM: in-flight requests finish) and starts it again; requests meanwhile fail to connect and are
retried. Then it counts, per user, the rows in the database against the writes the server accepted (answered
with a redirect), prints the figures, removes its users and their rows, and fails unless every accepted write is
there and no request got a server error.
"""

import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from http.cookies import SimpleCookie

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from foods.models import Food
from journal.models import MealEntry, SupplementDose, SupplementProduct

HOST = "127.0.0.1"  # loopback only: the soak never listens on or talks to another machine
MAX_CLIENTS = 100
MAX_SECONDS = 600
REQUEST_TIMEOUT = 30


class Server:
    """gunicorn serving this project on a loopback port, with production settings."""

    def __init__(self, port, log, workers=3):
        self.port, self.log, self.process, self.workers = port, log, None, workers
        self.env = {
            **os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0", "TRUSTED_PROXIES": "0",
        }

    def collect_static(self):
        """With DEBUG off pages name their static files from the manifest, as in production."""
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=settings.BASE_DIR, env=self.env, check=True,
        )

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "mgtracker.wsgi", "--bind", f"{HOST}:{self.port}",
             "--workers", str(self.workers), "--graceful-timeout", str(REQUEST_TIMEOUT),
             "--no-control-socket"],  # its default path is shared by every gunicorn on the machine
            cwd=settings.BASE_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn exited with {self.process.returncode}: see {self.log.name}")
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise CommandError(f"gunicorn did not start within 30 s: see {self.log.name}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=REQUEST_TIMEOUT + 10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Client:
    """One logged-in person alternating a meal and a dose, counting what the server accepted."""

    def __init__(self, port, session_key, user, food, product, results):
        self.port, self.user, self.food, self.product, self.results = port, user, food, product, results
        # A form may send the CSRF cookie's unmasked secret as its token.
        self.cookies = {settings.CSRF_COOKIE_NAME: secrets.token_hex(16), settings.SESSION_COOKIE_NAME: session_key}
        self.accepted = Counter()

    def post(self, path, fields):
        """The response status, timing it; None when the server could not be reached."""
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.cookies[settings.CSRF_COOKIE_NAME]})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        started = time.monotonic()
        try:
            connection.request("POST", path, body, headers)
            response = connection.getresponse()
            response.read()
        except OSError as error:
            self.results.record_error(type(error).__name__)
            return None
        finally:
            connection.close()
        self.results.record_latency(time.monotonic() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        if response.status != 302:
            self.results.record_error(f"HTTP {response.status} on {path.split('?')[0]}")
        return response.status

    def run(self, deadline):
        for turn in range(10**9):
            if time.monotonic() >= deadline:
                return
            now = datetime.now(UTC)
            if turn % 2 == 0:
                kind, status = "meal", self.post("/meals/add/", {
                    "date": now.date().isoformat(), "meal": "lunch", "food": self.food.pk, "portion": "",
                    "amount": str(10 + turn % 200),
                })
            else:
                kind, status = "dose", self.post("/supplements/doses/add/", {
                    "product": self.product.pk, "units": "1", "taken_at": now.strftime("%Y-%m-%dT%H:%M"),
                })
            if status == 302:
                self.accepted[kind] += 1
            elif status is None:
                time.sleep(0.1)  # the server is down for its restart: try again shortly


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.errors = [], Counter()

    def record_latency(self, seconds):
        with self.lock:
            self.latencies.append(seconds)

    def record_error(self, kind):
        with self.lock:
            self.errors[kind] += 1


def logged_in_session(user, secret_key):
    """A session key logged in as `user` for a server with this SECRET_KEY, as the log-in form would make it:
    hashing a password per client would be most of the soak's work, and it is not what the soak tests."""
    with override_settings(SECRET_KEY=secret_key):
        session = SessionStore()
        session.update({
            SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        })
        session.create()
        return session.session_key


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = "Concurrent clients log meals and doses against gunicorn on 127.0.0.1, restarted half-way; "
    help += "fails unless every accepted write is in the database."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=20, help=f"concurrent clients (1-{MAX_CLIENTS})")
        parser.add_argument("--seconds", type=float, default=30, help=f"how long they write (1-{MAX_SECONDS})")

    def handle(self, clients, seconds, **options):
        if not 1 <= clients <= MAX_CLIENTS or not 1 <= seconds <= MAX_SECONDS:
            raise CommandError(f"Use 1-{MAX_CLIENTS} clients and 1-{MAX_SECONDS} seconds.")
        prefix = f"soak-{secrets.token_hex(4)}-"
        users = self.make_users(prefix, clients)
        results = Results()
        with tempfile.NamedTemporaryFile("w", prefix="soak-gunicorn-", suffix=".log", delete=False) as log:
            server = Server(free_port(), log)
            people = [
                Client(server.port, logged_in_session(user, server.env["SECRET_KEY"]), user, food, product, results)
                for user, food, product in users
            ]
            try:
                server.collect_static()
                server.start()
                deadline = time.monotonic() + seconds
                threads = [threading.Thread(target=person.run, args=(deadline,)) for person in people]
                for thread in threads:
                    thread.start()
                time.sleep(seconds / 2)
                self.stdout.write(f"Restarting the server after {seconds / 2:g} s ...")
                server.stop()
                server.start()
                for thread in threads:
                    thread.join(timeout=seconds + REQUEST_TIMEOUT * 2)
            finally:
                server.stop()
            try:
                self.report(people, results, seconds)
            finally:
                get_user_model().objects.filter(username__startswith=prefix).delete()
        os.unlink(log.name)

    def make_users(self, prefix, count):
        made = []
        for number in range(count):
            user = get_user_model().objects.create_user(f"{prefix}{number}")
            food = Food.objects.create(
                name="Soak test oats", source=Food.Source.CUSTOM, owner=user, magnesium_mg=Decimal(138)
            )
            product = SupplementProduct.objects.create(
                user=user, name="Soak test glycinate", form="glycinate", label_elemental_mg=Decimal(100)
            )
            made.append((user, food, product))
        return made

    def report(self, people, results, seconds):
        accepted = sum((person.accepted for person in people), Counter())
        missing = []
        found = Counter()
        for person in people:
            rows = {
                "meal": MealEntry.objects.filter(user=person.user).count(),
                "dose": SupplementDose.objects.filter(user=person.user).count(),
            }
            found.update(rows)
            missing += [f"{person.user.username}: {kind}s {rows[kind]} of {person.accepted[kind]}"
                        for kind in rows if rows[kind] < person.accepted[kind]]
        latencies = sorted(results.latencies)
        percentiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        self.stdout.write(
            f"{len(people)} clients for {seconds:g} s, one server restart\n"
            f"  accepted: {accepted['meal']} meals, {accepted['dose']} doses ({accepted.total() / seconds:.1f}/s)\n"
            f"  rows found: {found['meal']} meals, {found['dose']} doses\n"
            f"  errors: {sum(results.errors.values())}"
            + "".join(f"\n    {count} x {kind}" for kind, count in results.errors.most_common())
            + f"\n  latency: p50 {percentiles[49] * 1000:.0f} ms, p99 {percentiles[98] * 1000:.0f} ms"
        )
        server_errors = sum(count for kind, count in results.errors.items() if kind.startswith("HTTP 5"))
        if missing:
            raise CommandError("Accepted writes are missing: " + "; ".join(missing))
        if server_errors:
            raise CommandError(f"{server_errors} requests got a server error.")
        if not accepted.total():
            raise CommandError("No write was accepted.")
