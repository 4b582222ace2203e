from axes.decorators import axes_dispatch
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordResetView
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
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
