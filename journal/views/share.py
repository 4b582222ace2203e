"""Read-only links to the doctor report: made, listed and revoked by the person; opened by anyone with the link.

The public views open one report (and its FHIR file) by the token alone: no session, no navigation, nothing else
of the account. An unknown token is a 404, an expired or revoked link a 410 that shows no figures.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from journal.forms.share import ShareLinkForm
from journal.models import Profile, ShareLink
from journal.report import report_context
from journal.views.report import fhir_download


def share_links(request):
    """The person's links, and the form that makes one. The new link's address is shown on this response only:
    its token is not stored, so it is never put in a redirect, a message or a log."""
    profile = Profile.for_user(request.user)
    form = ShareLinkForm(request.POST or None, today=profile.today())
    new_url = None
    if form.is_valid():
        data = form.cleaned_data
        _, token = ShareLink.make(request.user, data["start"], data["end"], data["days"], data["note"])
        new_url = request.build_absolute_uri(reverse("journal:shared_report", args=[token]))
        form = ShareLinkForm(today=profile.today())
    return render(request, "journal/share_links.html", {
        "form": form,
        "new_url": new_url,
        "links": ShareLink.objects.filter(user=request.user),
        "time_zone": profile.time_zone,
    })


@require_POST
def share_revoke(request, pk):
    link = get_object_or_404(ShareLink, pk=pk, user=request.user)
    link.revoke()
    messages.success(request, f"Revoked the link to the report from {link.first:%-d %b %Y} to {link.last:%-d %b %Y}: "
                              "it no longer opens.")
    return redirect("journal:share_links")


def _open(request, token):
    """The link, counted as opened; a 404 for an unknown token; None with the page to show when it no longer works."""
    link = ShareLink.objects.opened_by(token)
    if link is None:
        raise Http404("No such link.")
    state = link.state()
    if state != "active":
        return link, render(request, "journal/share_gone.html", {"state": state}, status=410)
    link.record_opening()
    return link, None


@login_not_required
@require_GET
@never_cache
def shared_report(request, token):
    link, gone = _open(request, token)
    if gone:
        return gone
    return render(request, "journal/shared_report.html", {
        **report_context(link.user, Profile.for_user(link.user), link.first, link.last),
        "link": link,
        "token": token,
    })


@login_not_required
@require_GET
@never_cache
def shared_fhir(request, token):
    link, gone = _open(request, token)
    return gone or fhir_download(link.user, Profile.for_user(link.user), link.first, link.last)
