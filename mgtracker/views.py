import hashlib
import json
from pathlib import Path

from axes.decorators import axes_dispatch
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordResetView
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.templatetags.static import PrefixNode, static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from mgtracker.forms import SignupForm
from mgtracker.throttle import count_as_failure


@login_not_required
def landing(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    return render(request, "landing.html")


@login_not_required
@axes_dispatch
def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    form = SignupForm(request.POST or None)
    if form.is_valid() and (user := form.save()):
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("journal:profile_start")
    if form.has_error("username", "unique"):
        # "That name is taken" tells whether an account exists: trying names counts like trying passwords.
        count_as_failure(request, form.data["username"], sender=SignupForm)
    return render(request, "registration/signup.html", {"form": form})


class ThrottledPasswordResetView(PasswordResetView):
    """Each reset request counts as a failure for the address it comes from and the e-mail it names, so nobody
    can flood an inbox or the mail server; the page answers the same whether or not the e-mail has an account."""

    def form_valid(self, form):
        count_as_failure(self.request, form.cleaned_data["email"], sender=PasswordResetView)
        return super().form_valid(form)


password_reset = axes_dispatch(ThrottledPasswordResetView.as_view())


@login_not_required
def csrf_failure(request, reason=""):
    """The 403 for a form sent without a valid CSRF token, in words, with a way back to the form."""
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure())
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE, "retry_path": referer if same_site else ""}
    return render(request, "403_csrf.html", context, status=403)


# What the service worker keeps from the moment it is installed: what every page needs, so a page read once opens
# offline with its look; other static files are kept the first time a page asks for them.
PRECACHED = (
    "vendor/bootstrap/bootstrap.min.css", "css/app.css", "css/print.css", "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/progress-bars.js", "js/service-worker-register.js", "js/offline-queue.js", "favicon.svg",
    "manifest.webmanifest", "icons/icon-192.png",
)


def static_version():
    """A stamp that changes with any file of static/ (its size or time): a deploy or an edit makes a new worker,
    which drops the files the old one kept."""
    stamp = hashlib.sha256()
    for directory in settings.STATICFILES_DIRS:
        for path in sorted(Path(directory).rglob("*")):
            if path.is_file():
                status = path.stat()
                stamp.update(f"{path.relative_to(directory)} {status.st_size} {status.st_mtime_ns}\n".encode())
    return stamp.hexdigest()[:16]


@login_not_required
def service_worker(request):
    """The service worker, from the root of the site so that its scope is every page (a script under /static/
    could only act on /static/)."""
    context = {
        "version": static_version(),
        "precache": json.dumps([static(path) for path in PRECACHED] + [reverse("offline")]),
        "offline_url": json.dumps(reverse("offline")),
        "static_url": json.dumps(PrefixNode.handle_simple("STATIC_URL")),
    }
    response = render(request, "service-worker.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # a browser asks again on each visit, so a new version is seen at once
    return response


@login_not_required
def offline(request):
    """The page the service worker shows when a page cannot be fetched; kept on the phone, so it names nobody."""
    return render(request, "offline.html")
