"""Settings for the fact-check workbench, read from the environment.

DEBUG, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are the knobs. With no
DATABASE_URL the database is a SQLite file next to manage.py; with one it is
whatever the URL names (PostgreSQL in production and in CI). With DEBUG off the
defaults are the secure ones, so `manage.py check --deploy` is clean.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

# A server (wsgi.py, asgi.py) refuses to start without a SECRET_KEY, unless DEBUG
# is on; management commands and tests get a throwaway one, since a key that
# dies with the process signs nothing that outlives it.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if os.environ.get("FACTCHECK_SERVING") == "1" and not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Export a long random SECRET_KEY, or DEBUG=1 for local work."
        )
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    # Before django_tasks_db: its db_worker command (the library's, keeping leases) wins.
    "leases",
    "django_tasks_db",
    "axes",
    "articles",
    "factcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: turns a login refused for a locked-out username and address into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite has one write lock for the whole database. WAL lets everyone read while
    # one connection writes; IMMEDIATE takes the lock when a transaction starts, so
    # writers queue instead of failing on "database is locked"; a writer waits for it
    # up to `timeout` seconds (SQLite's busy timeout). Analysis writes in short
    # transactions (factcheck.services), so a verdict or a login during one waits
    # milliseconds: the timeout is a ceiling that nothing should come near.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests get a file, not a shared in-memory database: the live server's threads
    # then hold their own connections, as in production, instead of sharing one.
    test_file = os.environ.get("TEST_DB_FILE", str(BASE_DIR / ".test-db.sqlite3"))
    DATABASES["default"]["TEST"] = {"NAME": test_file}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes), on the workbench's login and the admin's alike:
# LOGIN_FAILURE_LIMIT wrong passwords for one username from one address lock that
# pair out for LOGIN_COOLOFF_MINUTES, counted from the last failure before the
# lockout (tries during it do not extend it), so the page can say when to come
# back. Other addresses, and other usernames, are not affected. An admin unlocks
# sooner with `manage.py axes_reset` or in the admin (Access attempts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "factcheck.logins.locked_out"
AXES_CLIENT_IP_CALLABLE = "factcheck.logins.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Security: secure by default, relaxed only for local development (DEBUG on).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Behind a TLS-terminating proxy, which says the scheme and appends the client's
# address to X-Forwarded-For (login throttling counts that address).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy: our own scripts and styles only; inline scripts
# need the per-request nonce. htmx comes from django-htmx's bundled copy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Background work: tasks wait in the database (SQLite or PostgreSQL alike) until
# `manage.py db_worker` runs them; `make run` starts one beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How many processes the claim engine runs in when an analysis covers many stories
# (factcheck.services.readings): one a core unless set.
ANALYSIS_PROCESSES = int(os.environ.get("ANALYSIS_PROCESSES", os.cpu_count() or 1))
# Task leases (leases/): a running task's worker renews its lease every quarter of
# TASK_LEASE; a task whose lease ran out (its worker was killed) is queued again by
# any running worker, or failed once TASK_MAX_ATTEMPTS workers were lost on it.
TASK_LEASE = timedelta(seconds=int(os.environ.get("TASK_LEASE_SECONDS", "60")))
TASK_MAX_ATTEMPTS = 3

# Import limits: a news article is a few tens of kilobytes; anything past this
# is not an article.
ARTICLE_MAX_BYTES = int(os.environ.get("ARTICLE_MAX_BYTES", str(2 * 1024 * 1024)))
# The most files one upload on the Import page may carry.
IMPORT_MAX_FILES = int(os.environ.get("IMPORT_MAX_FILES", "50"))

# The newsroom that signs published fact-checks (ClaimReview's author). Without a
# NEWSROOM_URL the author carries its name only.
NEWSROOM_NAME = os.environ.get("NEWSROOM_NAME", "").strip() or "Fact-check desk"
NEWSROOM_URL = os.environ.get("NEWSROOM_URL", "").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_4xx_tracebacks": {"()": "factcheck.log_filters.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # An expected 403 or 404 is one line in the log, not a traceback.
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["no_4xx_tracebacks"],
            "propagate": False,
        },
        # Each task's state once, from the worker; not twice through two handlers.
        "django.tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks_db": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
