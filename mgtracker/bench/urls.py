"""Every URL of the site, and the floor every page is measured against: a logged-in "ok" behind the same
middleware (session, CSRF, authentication, CSP, axes), which no production URL configuration holds."""

from django.http import HttpResponse
from django.urls import path

from mgtracker.urls import urlpatterns as site

TRIVIAL_PATH = "/bench/ok/"


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path(TRIVIAL_PATH.strip("/") + "/", ok, name="bench_ok"), *site]
