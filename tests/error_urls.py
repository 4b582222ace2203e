"""The project's URLs plus views that fail on purpose, for the error page tests."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from mgtracker.urls import urlpatterns as project_urlpatterns


@login_not_required
def bad_request(request):
    raise SuspiciousOperation("a malformed request")


@login_not_required
def forbidden(request):
    raise PermissionDenied


@login_not_required
def crash(request):
    raise RuntimeError("the database went away")


urlpatterns = [
    path("fail/400/", bad_request),
    path("fail/403/", forbidden),
    path("fail/500/", crash),
    *project_urlpatterns,
]
