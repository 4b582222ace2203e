from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

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
    if form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("journal:today")
    return render(request, "registration/signup.html", {"form": form})
