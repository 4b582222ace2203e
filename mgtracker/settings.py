"""Settings for mgtracker, read from the environment.

Every knob is an environment variable with a safe development default; a value
that cannot be understood stops start-up with ImproperlyConfigured instead of
being guessed at. See README.md, "Configuration".
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def envbool(name, default):
    value = os.environ.get(name, default).strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use 1/0, true/false, yes/no or on/off.")


def envint(name, default):
    value = os.environ.get(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# How long a worker keeps its database connection open for the next request (seconds; 0 closes it after each).
DATABASE_CONNECTION_SECONDS = envint("CONN_MAX_AGE", "60")


def database_from_url(url):
    """Translate DATABASE_URL into Django's DATABASES entry (PostgreSQL or SQLite).

    dj-database-url keeps query options such as ?sslmode=require; only the two engines the
    project ships drivers for and tests on are accepted.
    """
    scheme = urlsplit(url).scheme
    if scheme not in ("postgres", "postgresql", "sqlite"):
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {scheme!r} is not supported: use postgres://... or sqlite:///..."
        )
    try:
        database = dj_database_url.parse(url, conn_max_age=DATABASE_CONNECTION_SECONDS, conn_health_checks=True)
    except ValueError:
        raise ImproperlyConfigured(
            "DATABASE_URL is not a valid URL: quote special characters in the password with %XX."
        ) from None
    if scheme == "sqlite":
        # sqlite:///relative.db (from the project directory) or sqlite:////absolute/path.db;
        # options in the URL (?timeout=60) override the tuning below.
        tuned = sqlite_database(BASE_DIR / database["NAME"])
        tuned["OPTIONS"].update(database.get("OPTIONS", {}))
        return tuned
    return database


def sqlite_database(path):
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # Kept open across requests, as PostgreSQL's are: opening one (and its PRAGMAs and functions) on every
        # request was a fixed cost of every page. Checked before reuse, so a broken connection is replaced.
        "CONN_MAX_AGE": DATABASE_CONNECTION_SECONDS,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write
            # lock when a transaction starts, so a writer waits (up to the timeout)
            # instead of failing half-way with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def development_secret_key():
    """A random key made once and kept in a git-ignored file, so sessions survive restarts."""
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = envbool("DEBUG", "true")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"TIME_ZONE={TIME_ZONE!r} is not an IANA time zone such as Europe/Berlin.") from None
USE_TZ = True
LANGUAGE_CODE = "en-us"
USE_I18N = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "foods",
    "journal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mgtracker.urls"
WSGI_APPLICATION = "mgtracker.wsgi.application"

# The pages are Jinja2 (mgtracker/templating.py says why). Django's own engine draws only what third-party apps bring
# from their own folders: crispy's form layouts and the admin.
TEMPLATES = [
    {
        "NAME": "jinja2",
        "BACKEND": "mgtracker.templating.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "mgtracker.templating.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The food pages show each portion as a share of the person's goal, which the journal knows and foods must not
# import (the journal builds on foods). The project, where the two apps meet, names a callable taking a user and
# returning an object with .mg, .label and .source; without it the food pages use the FDA Daily Value.
FOOD_PAGE_GOAL = "journal.models.current_goal"

# The official USDA releases (SR28, FNDDS, FoodData Central) that import_usda, build_food_table and
# make bench read; they are not part of the repository.
USDA_DATA_DIR = Path(os.environ.get("USDA_DATA_DIR", BASE_DIR.parent / "shared" / "data" / "usda"))

DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": database_from_url(DATABASE_URL) if DATABASE_URL else sqlite_database(BASE_DIR / "db.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a log-in from a locked-out account or address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"

# Throttling (django-axes): after 5 failures for one username or from one address, log-in, sign-up and password
# reset are refused for 15 minutes, and each further failure restarts the wait. A sign-up refused for a taken
# name and every password-reset request count as failures: both are ways into, or onto, someone's account.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "mgtracker.throttle.client_ip"
AXES_HANDLER = "mgtracker.throttle.CollisionSafeDatabaseHandler"
# How many proxies in front of the site append to X-Forwarded-For: behind one TLS proxy the client's address is
# the last one it appended; with 0 the connecting address (REMOTE_ADDR) is the client's.
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", "0" if DEBUG else "1")
# How long a "minute" of the guided stand test lasts, in milliseconds: a minute, except in tests, which shorten it
# (the timer still runs through every minute).
STAND_TEST_MINUTE_MS = envint("STAND_TEST_MINUTE_MS", "60000")
if STAND_TEST_MINUTE_MS < 1:
    raise ImproperlyConfigured(f"STAND_TEST_MINUTE_MS={STAND_TEST_MINUTE_MS} must be positive (milliseconds).")
LOGIN_REDIRECT_URL = "journal:today"
LOGOUT_REDIRECT_URL = "landing"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "mgtracker.storage.StaticFilesStorage"},  # WhiteNoise's, URLs kept once worked out
}
if DEBUG:
    # Development serves files straight from static/, no collectstatic needed.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mgtracker <noreply@localhost>")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the type-ahead script posts nothing, but forms need the cookie
CSRF_FAILURE_VIEW = "mgtracker.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, fonts and connections from this site only, and no inline
# script or style at all, so injected markup cannot run; json_script blocks are data and are not affected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Bootstrap draws its small icons (menu, select arrow, close button, ticks) as data: SVGs in its CSS.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # The web app manifest and the service worker (mgtracker.views.service_worker): this site's own, named
        # outright rather than left to default-src, so no later change to it can widen them.
        "manifest-src": [SELF],
        "worker-src": [SELF],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
