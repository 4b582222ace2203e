from django.contrib import admin
from django.urls import include, path

from mgtracker import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("foods/", include("foods.urls")),
    path("", include("journal.urls")),
    path("admin/", admin.site.urls),
]
