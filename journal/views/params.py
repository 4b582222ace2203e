"""Reading the query string shared by the supplement and symptom views."""

from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def requested_day(request):
    """The day asked for with ?date=YYYY-MM-DD (links from a day page), or None when absent or not a date."""
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return None


def redirect_back(request, default, **query):
    """Back to the page the user came from (?next=, e.g. the day view), if it is on this site; `query` is added to
    its query string (what was made on the way, for the page to pick it)."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(with_query(target, **query) if query else target)
    return redirect(default)


def with_query(url, **query):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=urlencode(dict(parse_qsl(parts.query)) | query)))
