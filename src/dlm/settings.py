"""One settings module, configured from the environment.

Zero configuration gives a working SQLite install under ``var/``; production sets
``DLM_DATABASE_URL`` (PostgreSQL through psycopg 3), ``DLM_SECRET_KEY`` and ``DLM_DEBUG=0``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

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


DEBUG = env_bool("DLM_DEBUG", True)
SECRET_KEY = os.environ.get("DLM_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DLM_SECRET_KEY must be set when DLM_DEBUG is off")
    SECRET_KEY = "dlm-development-only-key-not-for-production"  # noqa: S105
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
    # after our apps: core's widget templates (the empty choice said "---------") come first
    "django.forms",
]
# widgets rendered through the template loaders, so core/templates/django/forms/ applies
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = env_bool("DLM_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
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


# The development server's request log, without the anonymous box's requests (core/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_box": {"()": "dlm.core.logs.WithoutOpinionBox"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["without_box"],
        }
    },
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
