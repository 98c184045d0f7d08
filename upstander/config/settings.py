"""Upstander settings: every value comes from the environment, with safe embedded defaults.

Embedded mode (no variables set): SQLite under `var/`, a secret key generated once under `var/`,
e-mail written to files under `var/mail/`, the database task queue. Production mode
(`PRODUCTION=1`, behind HTTPS): secure cookies, HSTS and an HTTPS redirect, so that
`upstander check --deploy` is clean. See README.md, "Configuration", for the full list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from upstander.config import private
from upstander.config.env import envbool, envint, envlist, envsecret, envstr, generated_secret

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(envstr("UPSTANDER_VAR_DIR", str(BASE_DIR / "var"))).resolve()
# Everything this process writes (database, WAL, mail, keys, evidence, logs) is owner-only,
# whatever the umask it was started with (config/private.py).
private.restrict_umask()
private.private_dir(VAR_DIR)

PRODUCTION = envbool("PRODUCTION", False)
DEBUG = envbool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=1 cannot be combined with PRODUCTION=1: unset DEBUG on a live server.")

SECRET_KEY = envsecret("SECRET_KEY") or generated_secret(VAR_DIR / "secret_key")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY is too short: use at least 32 random characters.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS has {_origin!r}: each origin must start with https:// (or http://)."
        )
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must start with https:// (or http://).")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_tasks",
    "django_tasks_db",
    "upstander.accounts",
    "upstander.audit",
    "upstander.people",
    "upstander.reports",
    "upstander.evidence",
    "upstander.cases",
    "upstander.search",
    "upstander.escalation",
    "upstander.guidance",
    "upstander.routes",
    "upstander.insights",
    "upstander.prevention",
    "upstander.takedown",
    "upstander.dataprotection",
    "upstander.intake",  # the intake pipeline above reports, evidence and cases (hooks registered in ready())
    "upstander.demo",  # `upstander demo`: fills every app, so above them all
    "upstander.core",
]

MIDDLEWARE = [
    "upstander.core.observability.RequestIdMiddleware",  # request ID, request log line and metrics
    # Before anything reads the body: an over-size body is refused (413).
    "upstander.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "upstander.accounts.middleware.ActorMiddleware",
    "upstander.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "upstander.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "upstander.config.urls"
WSGI_APPLICATION = "upstander.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "upstander.accounts.context_processors.actor",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'upstander.sqlite3'}"
_db_url = envstr("DATABASE_URL", _default_db)
try:
    _db: dict[str, Any] = dict(dj_database_url.parse(_db_url, conn_max_age=envint("DB_CONN_MAX_AGE", 60, minimum=0)))
except (ValueError, KeyError) as exc:
    raise ImproperlyConfigured(
        f"DATABASE_URL={_db_url!r} is not a database URL ({exc}): use sqlite:///path/to/file.sqlite3 "
        "or postgres://user:password@host:5432/name."
    ) from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite, with writers queued on a gate that wakes the next at once (core/sqlite/gate.py)
    # and a flush that respects append-only tables.
    _db["ENGINE"] = "upstander.core.sqlite"
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # WAL lets readers work while one writer commits; taking the write lock at BEGIN makes
        # concurrent writers wait for it (up to `timeout` seconds, on the gate, then SQLite's busy handler) instead of
        # failing with "locked" when a read turns into a write. In WAL mode EXCLUSIVE is the same as
        # IMMEDIATE, and it is what django-tasks-db's worker expects (else it issues BEGIN itself).
        # synchronous=FULL: a report is on disk before its receipt is sent; with NORMAL a power cut
        # could undo the last acknowledged commits (cost measured on bench/report_load.py, see README).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "EXCLUSIVE",
        "timeout": 30,
    }
    # The test database stays in memory, as Django makes it for SQLite anyway. Said here because the
    # ENGINE is our own, which pytest-django's xdist support does not know for SQLite: it would give
    # each worker a database named "test_<path>_gw0", which cannot be opened.
    _db["TEST"] = {"NAME": ":memory:"}
elif _db["ENGINE"] not in ("django.db.backends.postgresql",):
    raise ImproperlyConfigured(f"DATABASE_URL uses {_db['ENGINE']}: Upstander supports SQLite and PostgreSQL only.")
else:
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication --------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["upstander.accounts.backends.LockoutEmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "upstander.accounts.validators.PatternPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Lockout: this many failed logins for one account locks it for LOCKOUT_MINUTES.
LOCKOUT_FAILURES = envint("LOCKOUT_FAILURES", 5, minimum=1, maximum=100)
LOCKOUT_MINUTES = envint("LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60)
TOTP_ISSUER = envstr("TOTP_ISSUER", "Upstander")
# Throttles (accounts.throttles, reports.views_public): failed sign-ins from one address, password-reset
# emails, reports from one address. The per-account lock applies only to browsers the owner has not
# signed in from (or been sent an unlock link to), so nobody can keep an account locked from outside.
LOGIN_FAILURES_PER_ADDRESS = envint("LOGIN_FAILURES_PER_ADDRESS", 20, minimum=1, maximum=10000)
PASSWORD_RESETS_PER_ADDRESS = envint("PASSWORD_RESETS_PER_ADDRESS", 5, minimum=1, maximum=1000)
PASSWORD_RESETS_PER_ACCOUNT = envint("PASSWORD_RESETS_PER_ACCOUNT", 3, minimum=1, maximum=100)
# How many reverse proxies append to X-Forwarded-For in front of Upstander (core/clientip.py). 0: the
# header is ignored and the connecting address is the client's.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)

# Single sign-on with OpenID Connect (accounts/sso.py), off unless OIDC_ISSUER is set. Endpoints come
# from the issuer's discovery document; accounts are matched by verified email, never given roles.
OIDC_ISSUER = envstr("OIDC_ISSUER").strip().rstrip("/")
OIDC_ENABLED = bool(OIDC_ISSUER)
OIDC_RP_CLIENT_ID = envstr("OIDC_CLIENT_ID").strip()
OIDC_RP_CLIENT_SECRET = envsecret("OIDC_CLIENT_SECRET") or ""
OIDC_RP_SIGN_ALGO = envstr("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10, minimum=1, maximum=120)
OIDC_VERIFY_SSL = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
if OIDC_ENABLED:
    if not OIDC_ISSUER.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"OIDC_ISSUER={OIDC_ISSUER!r} must be the provider's https:// issuer address.")
    if not OIDC_RP_CLIENT_ID or not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or _FILE) too.")
    if OIDC_RP_SIGN_ALGO not in ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512"):
        raise ImproperlyConfigured(f"OIDC_SIGN_ALGO={OIDC_RP_SIGN_ALGO!r}: use RS256 (or another RS or ES algorithm).")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "upstander.accounts.sso.SSOBackend"]

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers and HTTPS ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_HOST = envstr("EMAIL_HOST")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Upstander <upstander@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD") or ""
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on: choose one.")
    EMAIL_TIMEOUT = 20
else:
    # Embedded mode: every message is written to a file a person can open.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")

# --- Evidence vault (used by upstander.evidence) -------------------------------------------------
EVIDENCE_DIR = Path(envstr("EVIDENCE_DIR", str(VAR_DIR / "evidence"))).resolve()
EVIDENCE_KEY = envsecret("EVIDENCE_KEY")  # base64 key; generated under var/ when unset
EVIDENCE_MAX_FILE_MB = envint("EVIDENCE_MAX_FILE_MB", 25, minimum=1, maximum=2048)

# --- Signed checkpoints of the audit and custody trails (upstander/audit/checkpoints.py) ---------
CHECKPOINT_FILE = Path(envstr("CHECKPOINT_FILE", str(VAR_DIR / "checkpoints.jsonl"))).resolve()
CHECKPOINT_KEY = envsecret("CHECKPOINT_KEY")  # base64 Ed25519 key; generated under var/ when unset
CHECKPOINT_EVERY_ROWS = envint("CHECKPOINT_EVERY_ROWS", 100, minimum=0)
CHECKPOINT_INTERVAL_MINUTES = envint("CHECKPOINT_INTERVAL_MINUTES", 60, minimum=1, maximum=7 * 24 * 60)
CHECKPOINT_EMAIL_HOURS = envint("CHECKPOINT_EMAIL_HOURS", 0, minimum=0, maximum=24 * 31)  # 0: never email them

# --- Request size ------------------------------------------------------------------------------
# A whole request may be at most EVIDENCE_MAX_REPORT_MB plus 1 MB for the form's other fields: a
# larger one is refused with 413 before its body is read (core.middleware.RequestSizeLimitMiddleware).
# Uploads over 1 MB go to a temporary file as they arrive, never into memory whole; a body that is
# not a file upload (form fields, JSON) may be at most 2.5 MB. Set the front proxy's limit to match
# (README, "Security model").
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- Background tasks -------------------------------------------------------------------------
# TASKS_BACKEND=database (the default): the database queue, worked by `upstander worker` (which
# `upstander serve` starts): nothing else to run. TASKS_BACKEND=rq with REDIS_URL: the same tasks on
# RQ over Redis (django-tasks-rq), for several web processes and workers on one machine or many
# (docs/deploy.md); `upstander worker` then runs an RQ worker. A dotted backend path is taken as is.
_TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
_tasks_backend = envstr("TASKS_BACKEND", "database").strip()
TASKS_BACKEND = _TASK_BACKENDS.get(_tasks_backend.lower(), _tasks_backend)
if "." not in TASKS_BACKEND:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={_tasks_backend!r}: use database (the default), rq (with REDIS_URL), "
        "or a backend's dotted path."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
REDIS_URL = envstr("REDIS_URL", "").strip()
if TASKS_BACKEND == "django_tasks_rq.RQBackend":
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"TASKS_BACKEND=rq needs REDIS_URL=redis://host:6379/0 (got {REDIS_URL!r}): the Redis database "
            "every web process and worker shares."
        )
    INSTALLED_APPS.append("django_rq")
# django-rq's queues (only used with TASKS_BACKEND=rq). A job may run up to RQ_JOB_TIMEOUT seconds;
# results are kept a day for `upstander stats` and the admin.
RQ_QUEUES = {
    "default": {
        "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": envint("RQ_JOB_TIMEOUT", 600, minimum=10, maximum=24 * 3600),
        "DEFAULT_RESULT_TTL": 24 * 3600,
    }
}
RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}  # runs our tasks through the Tasks API's shim
# A task RUNNING this long is taken to be lost with its worker (killed, power cut) and is retried;
# a report whose checks have not finished this long after it arrived is queued again. The task
# worker (`upstander worker`, which `upstander serve` starts) sweeps every minute; `upstander sweep`.
TASK_STALE_MINUTES = envint("TASK_STALE_MINUTES", 30, minimum=1, maximum=24 * 60)
REPORT_CHECKS_TIMEOUT_MINUTES = envint("REPORT_CHECKS_TIMEOUT_MINUTES", 15, minimum=1, maximum=24 * 60)

# --- Static files, internationalisation -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves static files straight from the app folders: no collectstatic step to forget,
# and the same in tests, `runserver` and `upstander serve`. (A front proxy may still serve
# STATIC_ROOT after `upstander collectstatic`.)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
LANGUAGE_CODE = "en-gb"
TIME_ZONE = envstr("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# Logs: one JSON object per line by default (LOG_FORMAT=plain for reading by eye), with the request
# ID on every line, and never personal data, report text, addresses or user agents (core/observability.py).
LOG_FORMAT = envstr("LOG_FORMAT", "json").strip().lower()
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "upstander.core.observability.RequestIdFilter"},
        # No client address, report reference or query string in any log line (core/accesslog.py) ...
        "private": {"()": "upstander.core.accesslog.PrivateLogFilter"},
        # ... and Django's own request warnings lose their path altogether (core/observability.py).
        "no_paths": {"()": "upstander.core.observability.NoPathsFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "upstander.core.observability.UpstanderJsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "private", "no_paths"],
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Prometheus metrics at /metrics (core/metrics.py): off (404) unless a bearer token is set.
METRICS_TOKEN = envsecret("METRICS_TOKEN") or ""
if METRICS_TOKEN and len(METRICS_TOKEN) < 16:
    raise ImproperlyConfigured("METRICS_TOKEN is too short: use at least 16 random characters.")
