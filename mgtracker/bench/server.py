"""Requests a second under gunicorn (2 sync workers, production settings) on 127.0.0.1, from keep-alive clients.

Each client holds one HTTPConnection and asks again as soon as it has read an answer; a sync worker closes the
connection after each response, and the client reconnects, as a browser does. Each path runs for a bounded time.
"""

import http.client
import tempfile
import threading
import time

from django.conf import settings

from journal.management.commands.soak import HOST, Server, free_port, logged_in_session

WORKERS = 2
REQUEST_TIMEOUT = 30


def requests_per_second(user, paths, clients, seconds):
    """{path: {"requests_per_s", "errors"}} for each path in turn, every client logged in as `user`."""
    with tempfile.NamedTemporaryFile("w", prefix="bench-gunicorn-", suffix=".log", delete=False) as log:
        server = Server(free_port(), log, workers=WORKERS)
        cookie = f"{settings.SESSION_COOKIE_NAME}={logged_in_session(user, server.env['SECRET_KEY'])}"
        server.collect_static()
        server.start()
        try:
            return {path: _hammer(server.port, path, cookie, clients, seconds) for path in paths}
        finally:
            server.stop()


def _hammer(port, path, cookie, clients, seconds):
    for _ in range(WORKERS):  # each worker's first answer (templates, the search index) is not timed
        warm = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        _ask(warm, path, cookie)
        warm.close()
    counts, errors = [0] * clients, [0] * clients
    deadline = time.monotonic() + seconds

    def client(number):
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        while time.monotonic() < deadline:
            if _ask(connection, path, cookie):
                counts[number] += 1
            else:
                errors[number] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"requests_per_s": round(sum(counts) / (time.monotonic() - started), 1), "errors": sum(errors)}


def _ask(connection, path, cookie):
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        connection.close()
        return False
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status == 200
