"""The app installs on a phone (a manifest with icons) and has a service worker at the root of the site that keeps
the static files and the offline page; a change to any static file makes a new worker."""

import json
import re
import struct

from django.contrib.staticfiles import finders
from django.test import Client


def test_the_manifest_names_the_app_and_its_icons_which_are_pngs_of_their_size(db):
    html = Client().get("/accounts/login/").content.decode()
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in html
    manifest = json.loads(open(finders.find("manifest.webmanifest")).read())
    assert (manifest["short_name"], manifest["start_url"], manifest["display"]) == ("mgtracker", "/", "standalone")
    assert {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]} == {
        ("192x192", "any"), ("512x512", "any"), ("512x512", "maskable"),
    }
    for icon in manifest["icons"]:
        png = open(finders.find(icon["src"]), "rb").read()
        assert png[:8] == b"\x89PNG\r\n\x1a\n", icon["src"]
        width, height = struct.unpack(">II", png[16:24])
        assert f"{width}x{height}" == icon["sizes"], icon["src"]


def worker_settings(source):
    return {
        name: json.loads(value) if value.startswith(("[", '"')) else value
        for name, value in re.findall(r"^const (\w+) = (.+);$", source, re.MULTILINE)
    }


def test_the_service_worker_is_served_from_the_root_with_what_it_keeps_all_of_which_exists(db):
    client = Client()
    response = client.get("/service-worker.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    worker = worker_settings(response.content.decode())
    assert worker["OFFLINE_URL"] == "/offline/" and worker["STATIC_URL"] == "/static/"
    assert "/offline/" in worker["PRECACHE"] and "/static/css/app.css" in worker["PRECACHE"]
    for url in worker["PRECACHE"]:  # one missing file and the worker would never install
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
        else:
            assert client.get(url).status_code == 200, url


def test_the_offline_page_is_open_to_anyone_and_names_nobody(client, user):
    client.force_login(user)
    response = client.get("/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are offline" in html and user.username not in html and "Log out" not in html


def test_a_change_to_a_static_file_makes_a_new_worker_version(db, settings, tmp_path):
    settings.STATICFILES_DIRS = [tmp_path]
    (tmp_path / "app.css").write_text("body {}")

    def version():
        return worker_settings(Client().get("/service-worker.js").content.decode())["VERSION"]

    first = version()
    assert version() == first
    (tmp_path / "app.css").write_text("body { color: black; }")
    assert version() != first
