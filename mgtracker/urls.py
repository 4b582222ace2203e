from django.contrib import admin
from django.urls import include, path

from mgtracker import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("service-worker.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("foods/", include("foods.urls")),
    path("", include("journal.urls")),
    path("admin/", admin.site.urls),
]
