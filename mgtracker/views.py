from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from mgtracker.forms import SignupForm


@login_not_required
def landing(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    return render(request, "landing.html")


@login_not_required
def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:today")
    form = SignupForm(request.POST or None)
    if form.is_valid() and (user := form.save()):
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("journal:today")
    return render(request, "registration/signup.html", {"form": form})


@login_not_required
def csrf_failure(request, reason=""):
    """The 403 for a form sent without a valid CSRF token, in words, with a way back to the form."""
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure())
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE, "retry_path": referer if same_site else ""}
    return render(request, "403_csrf.html", context, status=403)
