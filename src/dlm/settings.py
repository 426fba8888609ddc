"""One settings module, configured from the environment.

Zero configuration gives a working SQLite install under ``var/``, with debugging off
(``make run`` turns it on for the developer's machine); production sets ``DLM_DATABASE_URL``
(PostgreSQL through psycopg 3) and the rest of docs/deploy.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DLM_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Off unless asked for: the debug page lists the settings and the environment.
DEBUG = env_bool("DLM_DEBUG", False)


def _secret_key() -> str:
    """DLM_SECRET_KEY, or one made once for this installation and kept in the var directory
    (readable by its owner only), so a fresh install is never left on a known key."""
    given = os.environ.get("DLM_SECRET_KEY", "").strip()
    if given:
        return given
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DLM_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "dlm.core",
    "dlm.organisations",
    "dlm.campaigns",
    "dlm.preparation",
    "dlm.proceedings",
    "dlm.rectification",
    "dlm.reporting",
    "dlm.reminders",
    "dlm.supervision",
    "dlm.workbench",
    "dlm.demo",
    "axes",  # login throttling (django-axes)
    "django_tasks",  # background work (the backport of Django 6's django.tasks)
    "django_tasks_db",  # … and its queue in the database, run by `dlm worker`
    # after our apps: core's widget templates (the empty choice said "---------") come first
    "django.forms",
]
# widgets rendered through the template loaders, so core/templates/django/forms/ applies
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "dlm.core.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # static files served by the app itself, with or without debugging (docs/deploy.md)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # last: it turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dlm.urls"
WSGI_APPLICATION = "dlm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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


def _database() -> dict:
    url = os.environ.get("DLM_DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        config.setdefault("TEST", {})
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "dlm.sqlite3",
        "OPTIONS": {
            # WAL lets readers go on while one request writes; the busy timeout makes a
            # second writer wait instead of failing with "database is locked";
            # IMMEDIATE takes the write lock at BEGIN so transactions never deadlock on upgrade.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves the apps' static files where they are (four small files): nothing to
# collect before a start, and the same files with debugging on or off.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Secure cookies only over HTTPS: an intranet served on plain HTTP sets DLM_HTTPS=0 (the
# default) and logins work; behind HTTPS set DLM_HTTPS=1 (docs/deploy.md).
HTTPS = env_bool("DLM_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("DLM_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env_list("DLM_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "dlm.core.errors_views.csrf_failure"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("DLM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DLM_HSTS_SECONDS", str(365 * 24 * 3600)))
    # DLM runs on a host name of its own; set 0 where other hosts under it still speak HTTP
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DLM_HSTS_SUBDOMAINS", True)
    # an intranet name cannot be on the browsers' public preload list: not asked for
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A session ends after 12 hours, or when the browser closes.
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Content Security Policy: nothing from elsewhere, no inline script (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Login throttling (django-axes): five wrong passwords for one account from one address lock
# that pair for 15 minutes; every failure and lockout is kept (AccessAttempt, AccessFailureLog).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# a wrong password during the pause does not restart it (an attacker could keep an account
# locked for ever); the log names the account and the address, for the administrator
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_SENSITIVE_PARAMETERS: list[str] = []
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind nginx every request comes from 127.0.0.1: DLM_PROXY_COUNT=1 reads the client's
# address from X-Forwarded-For (set by the proxy) so one user's guesses do not pause everyone
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DLM_PROXY_COUNT", "0")) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Settings whose names Django does not mask on error reports (the database address holds a
# password): core.errors_views.MaskingFilter.
DEFAULT_EXCEPTION_REPORTER_FILTER = "dlm.core.errors_views.MaskingFilter"
X_FRAME_OPTIONS = "DENY"

# Uploads arrive in later issues; the ceiling is set now so no view forgets it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail for reminders: off unless a mail server is named. Nothing is sent otherwise.
EMAIL_HOST = os.environ.get("DLM_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DLM_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DLM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DLM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DLM_EMAIL_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DLM_EMAIL_FROM", "dlm@localhost")
DLM_MAIL_ENABLED = bool(EMAIL_HOST)

# Background work (the combined report, quality assessment, mail, the copy index's upkeep).
# Inline by default, so `make run` is one process; DLM_TASKS=database queues it in the
# database for `dlm worker` processes (on any machine reaching the same database).
DLM_TASKS = os.environ.get("DLM_TASKS", "inline").strip().lower()
if DLM_TASKS not in ("inline", "database"):
    raise ImproperlyConfigured("DLM_TASKS 只能是 inline 或 database")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if DLM_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}


# Logs to stderr (journald under systemd), each line with the request's id; 500s with their
# traceback. The development server's request log leaves out the anonymous box (core/logs.py).
LOG_LEVEL = os.environ.get("DLM_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "without_box": {"()": "dlm.core.logs.WithoutOpinionBox"},
        "request_id": {"()": "dlm.core.requestid.RequestIdFilter"},
        "no_traceback": {"()": "dlm.core.logs.WithoutTraceback"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        "plain": {
            "format": "{asctime} {levelname} {name} [{request_id}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        },
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["without_box"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "axes": {"level": "WARNING"},  # not its start-up banner on every command
        # a request for a host name not in DLM_ALLOWED_HOSTS: one line, not a traceback
        "django.security.DisallowedHost": {
            "handlers": ["stderr"],
            "level": "WARNING",
            "filters": ["no_traceback"],
            "propagate": False,
        },
    },
}
