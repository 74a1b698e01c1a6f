"""Settings shared by every environment; everything that varies comes from the environment.

Variables (DESIGN.md §4): DATABASE_URL, SEARCH_BACKEND (database, opensearch2,
elasticsearch8) with SEARCH_URL, CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS, EMAIL_*.
Without them Ruche runs in its embedded mode: SQLite, database search, inline tasks.
"""

import os
import re
from pathlib import Path
from typing import Any, overload

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@overload
def env(name: str, default: str) -> str: ...
@overload
def env(name: str, default: None = None) -> str | None: ...
def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "insecure-embedded-mode-key-change-me")
DEBUG = env_bool("DEBUG", False)
# The demo accounts' "what to try" panel on the home page (intranet/demo/tour.py): on in the
# embedded default, off elsewhere unless a demonstration server asks for it.
DEMO_GUIDE = env_bool("DEMO_GUIDE", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "intranet",
    "core.conversations",
    "people",
    "news",
    "ideas",
    "communities",
    # After the apps that host events (communities, ideas): agenda.hosts is filled first.
    "agenda",
    "search",
    "insights",
    "insights.actions",
    "insights.pulse",
    "notifications",
    "core",
    "frontend",
    # Translations of pages: the editor of segments, their status, what changed in the source
    # since (wagtail_localize.locales replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",
    "django_tasks",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "intranet.middleware.ContentSecurityPolicyMiddleware",
    "intranet.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site for the request's host from the cache (intranet/sites.py), not a query.
    "intranet.sites.SiteCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "intranet.middleware.RejectNullCharactersMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.EndedSessionsMiddleware",
    "intranet.middleware.SignInRequiredMiddleware",
    # Permissions and groups of the signed-in person from the cache (core/permission_cache.py).
    "intranet.middleware.CachedPermissionsMiddleware",
    # Guests reach only what an app opened to them (core/guests.py); 404 elsewhere.
    "people.middleware.GuestBoundaryMiddleware",
    "insights.middleware.ActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# --- Content-Security-Policy (django-csp) and Permissions-Policy --------------------------
# The site runs no inline script or style: its JavaScript is in static files, data for it in
# `json_script` blocks. Embedded videos play in frames from CSP_FRAME_SOURCES only.
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin writes inline scripts and styles (inline panels, widgets, Draftail) and its
# bundles compile code at run time: under /admin/ only (intranet.middleware), this looser one.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],  # the page preview is a frame of the editor
    }
}
# No page asks for these powerful features; nothing framed or injected may either.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)
# Avatars in the admin come from Ruche, never from gravatar.com (privacy, and the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ROOT_URLCONF = "intranet.urls"
WSGI_APPLICATION = "intranet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Dates and numbers in the reader's language ("1er décembre"), in every template.
            # Guests marked "Invité·e" after their name (`|guest_badge`, core/guests.py).
            # The components (`{% avatar %}`, `{% form_field %}`…: frontend/templatetags/ui.py).
            "builtins": [
                "core.templatetags.ruche_formats",
                "core.templatetags.ruche_guests",
                "frontend.templatetags.ui",
            ],
        },
    },
]

# --- Database: SQLite unless DATABASE_URL names another one -------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on SQLite (the embedded mode): transactions take the write lock when
    # they begin (a read that later writes cannot deadlock another writer), a writer waits up
    # to SQLITE_BUSY_TIMEOUT seconds for the lock instead of failing with "database is locked",
    # and readers never block the writer (write-ahead log).
    _busy_timeout = int(env("SQLITE_BUSY_TIMEOUT", "20"))
    DATABASES["default"]["OPTIONS"] = {
        "timeout": _busy_timeout,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={_busy_timeout * 1000};"
        ),
    }
# A connection pooler in front of PostgreSQL (DATABASE_POOLER=pgbouncer, DATABASE_URL naming
# PgBouncer in transaction pooling mode, as compose.yaml runs it): a server connection is lent
# for one transaction only, so nothing may outlive a transaction on it. Server-side cursors
# (QuerySet.iterator()) would be declared in one transaction and fetched in another, hence
# disabled. Django's persistent connections then only keep the cheap client side to PgBouncer
# open (DATABASE_CONN_MAX_AGE still applies); the health check catches a restarted PgBouncer.
DATABASE_POOLER = env("DATABASE_POOLER", "none")
if DATABASE_POOLER not in ("none", "pgbouncer"):
    raise ImproperlyConfigured(
        f"DATABASE_POOLER must be 'pgbouncer' or 'none', not {DATABASE_POOLER!r}"
    )
if DATABASE_POOLER == "pgbouncer":
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        raise ImproperlyConfigured("DATABASE_POOLER=pgbouncer needs a PostgreSQL DATABASE_URL")
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# PostgreSQL's JIT compiles any query whose estimated cost passes jit_above_cost; at 50,000
# people the home feed's and the digest's news queries pass it and spend 1.7 s compiling for
# 0.4 s of work (bench/scale.py --explain). Pages run short queries, for which JIT never pays:
# off on Ruche's connections (DATABASE_JIT=on gives the server's setting back). Behind
# PgBouncer a connection cannot carry startup options: set `jit = off` on the server there
# (postgresql.conf, `-c jit=off`, or ALTER DATABASE … SET jit = off).
DATABASE_JIT = env("DATABASE_JIT", "off")
if DATABASE_JIT not in ("on", "off"):
    raise ImproperlyConfigured(f"DATABASE_JIT must be 'on' or 'off', not {DATABASE_JIT!r}")
if (
    DATABASE_JIT == "off"
    and DATABASE_POOLER == "none"
    and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication: every page but the sign-in page needs a signed-in user ---------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's password backend, loading the session's user with whether they manage a team in
# the same query (people/auth.py), so the header's link to the managers' dashboard is free.
AUTHENTICATION_BACKENDS = ["people.auth.PeopleModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

# --- Languages: French first, English second ----------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Content in both languages: a page, news item or leadership update and its translation share
# a translation_key and stand side by side in the one tree (core/languages.py), at the URLs
# they always had (no /fr/ or /en/ prefix); readers get their language's version.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A translation starts as a draft and goes live when its translator publishes it, not at once
# with the source's untranslated strings.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Static and media files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Ruche"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Uploads: checked by content as well as by name (core/uploads.py), and bounded.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("DOCUMENT_MAX_UPLOAD_MB", "50")) * 1024 * 1024
# Documents always go through Ruche's view, which applies the privacy of the pages that use
# them (core/document_privacy.py); "redirect" or "direct" would hand out the storage's URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can hold scripts
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # a small file can unpack to a huge image

# --- Search: the database backend, or a real engine named by SEARCH_BACKEND ----------------
SEARCH_BACKEND = env("SEARCH_BACKEND", "database")
# One URL, or a comma-separated list of a cluster's nodes: the client spreads requests over
# them and moves on to the next node when one is down or slow.
SEARCH_URL = env("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_URLS = env_list("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "ruche_")
# Where Debian's FreeDict French-English dictionaries lie (search/dictionary.py); without them
# a query finds content in its own language only.
SEARCH_DICTIONARY_DIR = env("SEARCH_DICTIONARY_DIR", "/usr/share/dictd")
# Shards and replicas of every index Ruche or Wagtail creates. SEARCH_REPLICAS is a number, or
# a range such as "0-1" or "0-all" (auto_expand_replicas: as many as the live nodes allow).
# One node cannot hold a replica (it would stay unassigned and the index yellow); a cluster
# keeps one, so a node may stop without losing a search or a write.
SEARCH_SHARDS = int(env("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = env("SEARCH_REPLICAS", "0" if len(SEARCH_URLS) == 1 else "1")
SEARCH_MAX_RETRIES = int(env("SEARCH_MAX_RETRIES", "3"))
# Credentials: a user and password (basic auth), or an API key; and TLS: the CA that signed
# the engine's certificate (else the system's CAs). Certificates are verified unless turned off.
SEARCH_USER = env("SEARCH_USER")
SEARCH_PASSWORD = env("SEARCH_PASSWORD")
SEARCH_API_KEY = env("SEARCH_API_KEY")
SEARCH_CA_FILE = env("SEARCH_CA_FILE")
SEARCH_VERIFY_CERTS = env_bool("SEARCH_VERIFY_CERTS", True)


def search_index_replication(shards: int, replicas: str) -> dict[str, Any]:
    """The `index` settings for SEARCH_SHARDS and SEARCH_REPLICAS, or a clear error."""
    if shards < 1:
        raise ImproperlyConfigured(f"SEARCH_SHARDS must be 1 or more, not {shards}.")
    if re.fullmatch(r"\d+", replicas):
        return {"number_of_shards": shards, "number_of_replicas": int(replicas)}
    if re.fullmatch(r"\d+-(\d+|all)", replicas):
        return {"number_of_shards": shards, "auto_expand_replicas": replicas}
    raise ImproperlyConfigured(
        f"SEARCH_REPLICAS must be a number or a range like 0-1 or 0-all, not {replicas!r}."
    )


def search_client_options(  # noqa: PLR0913 - one argument a setting
    backend: str,
    urls: list[str],
    *,
    user: str | None = None,
    password: str | None = None,
    api_key: str | None = None,
    ca_file: str | None = None,
    verify_certs: bool = True,
    max_retries: int = 3,
) -> dict[str, Any]:
    """What every engine client is given: failover, retries, credentials and TLS."""
    if password and not user:
        raise ImproperlyConfigured("SEARCH_PASSWORD is set without SEARCH_USER.")
    if ca_file and not Path(ca_file).is_file():
        raise ImproperlyConfigured(f"SEARCH_CA_FILE {ca_file!r} is not a readable file.")
    # No sniffing: nodes would be reached at the addresses they publish, which behind a proxy
    # or in containers are not the ones configured here.
    options: dict[str, Any] = {"retry_on_timeout": True, "max_retries": max_retries}
    if any(url.startswith("https:") for url in urls):
        options["verify_certs"] = verify_certs
        if ca_file:
            options["ca_certs"] = ca_file
        if not verify_certs:
            options["ssl_show_warn"] = False
    credentials = (user, password or "") if user else None
    if backend == "elasticsearch8":
        options.update({"basic_auth": credentials} if credentials else {})
        options.update({"api_key": api_key} if api_key else {})
    else:
        options.update({"http_auth": credentials} if credentials else {})
        options.update({"headers": {"Authorization": f"ApiKey {api_key}"}} if api_key else {})
    return options


_ENGINE_MODULES = {
    "database": "wagtail.search.backends.database",
    # Wagtail's backend, except that credentials and TLS options apply to every node.
    "opensearch2": "search.backends",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
}
if SEARCH_BACKEND not in _ENGINE_MODULES:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be one of {', '.join(_ENGINE_MODULES)}, not {SEARCH_BACKEND!r}."
    )
WAGTAILSEARCH_BACKENDS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": _ENGINE_MODULES[SEARCH_BACKEND]}
}
SEARCH_INDEX_REPLICATION = search_index_replication(SEARCH_SHARDS, SEARCH_REPLICAS)
if SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        {
            "URLS": SEARCH_URLS,
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": int(env("SEARCH_TIMEOUT", "10")),
            "OPTIONS": search_client_options(
                SEARCH_BACKEND,
                SEARCH_URLS,
                user=SEARCH_USER,
                password=SEARCH_PASSWORD,
                api_key=SEARCH_API_KEY,
                ca_file=SEARCH_CA_FILE,
                verify_certs=SEARCH_VERIFY_CERTS,
                max_retries=SEARCH_MAX_RETRIES,
            ),
            "INDEX_SETTINGS": {"settings": {"index": dict(SEARCH_INDEX_REPLICATION)}},
        }
    )

# --- Background work: inline without a broker, Celery through the outbox with one ----------
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message taken by a worker that died (acks_late: not acknowledged) is handed out again after
# this many seconds; the outbox's run-once lock makes a second delivery harmless.
BROKER_VISIBILITY_TIMEOUT = int(env("BROKER_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A down broker must not hang a web request: fail fast, the outbox relay sends it later.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    # Workers look for such messages a few times per timeout (kombu's pace is 100 s at most).
    "unacked_restore_interval": max(1, min(10, BROKER_VISIBILITY_TIMEOUT // 4)),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
# Queues apart, so that a digest run of 50,000 emails never delays an index update: `search`
# (index updates and deletions), `email` (digests, bulk and retried emails, pushes),
# `analytics` (signals, KPI snapshots, search analytics, recognition drafts) and `default`.
# A worker started without `-Q` consumes all four; production runs one worker per queue
# (compose.yaml). Routes are glob patterns matched against Celery task names (beat jobs,
# batches) and against the paths of the django-tasks tasks the outbox stores (core/queues.py),
# first match wins; a task no pattern names goes to `default`.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue(name) for name in ("search", "email", "analytics", "default")]
CELERY_TASK_ROUTES = {
    "search.tasks.sync_documents": {"queue": "search"},
    "search.reconcile_index": {"queue": "search"},
    "wagtail.tasks.update_reference_index_task": {"queue": "search"},
    "notifications.send_digests": {"queue": "email"},
    "notifications.send_digest_batch": {"queue": "email"},
    "notifications.tasks.email_pending_notices": {"queue": "email"},
    "notifications.tasks.push_pending_notices": {"queue": "email"},
    "insights.send_team_digests": {"queue": "email"},
    "insights.send_team_digest_batch": {"queue": "email"},
    "insights.tasks.email_signals_report": {"queue": "email"},
    "insights.tasks.email_signals_report_to": {"queue": "email"},
    "news.send_must_read_reminders": {"queue": "email"},
    "news.tasks.send_must_read_reminder": {"queue": "email"},
    "people.tasks.send_guest_invitation": {"queue": "email"},
    "insights.flush_activity": {"queue": "analytics"},
    "insights.snapshot_kpis": {"queue": "analytics"},
    "insights.count_signal_terms": {"queue": "analytics"},
    "insights.send_weekly_signals_report": {"queue": "analytics"},
    "insights.draft_monthly_recognition": {"queue": "analytics"},
    "search.purge_old_search_logs": {"queue": "analytics"},
}
# Without a broker there is no `celery beat`: the web process runs CELERY_BEAT_SCHEDULE in a
# thread (intranet/scheduler.py), looking for due jobs every EMBEDDED_SCHEDULER_TICK seconds.
EMBEDDED_SCHEDULER = env_bool("EMBEDDED_SCHEDULER", True)
EMBEDDED_SCHEDULER_TICK = float(env("EMBEDDED_SCHEDULER_TICK", "5"))
# Seconds between two runs of the relay that sends the tasks the broker never received.
OUTBOX_RELAY_INTERVAL = float(env("OUTBOX_RELAY_INTERVAL", "30"))
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "intranet.relay_outbox", "schedule": OUTBOX_RELAY_INTERVAL},
    "purge-finished-outbox": {"task": "intranet.purge_finished_outbox", "schedule": 3600.0},
    "purge-old-search-logs": {"task": "search.purge_old_search_logs", "schedule": 86400.0},
    # Compares the index with the database and repairs differences (search/reconciliation.py).
    "search-reconcile-index": {
        "task": "search.reconcile_index",
        "schedule": float(env("SEARCH_RECONCILE_INTERVAL", "3600")),
    },
    "news-publish-scheduled": {"task": "news.publish_scheduled", "schedule": 60.0},
    "news-must-read-reminders": {"task": "news.send_must_read_reminders", "schedule": 3600.0},
    # Information pages past their review date: each owner reminded once per page and date.
    "intranet-remind-page-owners": {"task": "intranet.remind_page_owners", "schedule": 3600.0},
    # Events starting within a day (a community's, a challenge's workshops, everyone's): those
    # going are reminded once (agenda/tasks.py).
    "communities-event-reminders": {
        "task": "communities.remind_event_participants",
        "schedule": 900.0,
    },
    # Scheduled community posts: `post_published` once their time has come (exactly once).
    "communities-announce-scheduled-posts": {
        "task": "communities.announce_scheduled_posts",
        "schedule": 60.0,
    },
    "insights-flush-activity": {"task": "insights.flush_activity", "schedule": 300.0},
    "insights-snapshot-kpis": {"task": "insights.snapshot_kpis", "schedule": 86400.0},
    # Hourly, but the report is recorded once per week: the first run after Monday sends it.
    "insights-signals-report": {"task": "insights.send_weekly_signals_report", "schedule": 3600.0},
    # Hourly, but each overdue action's owner is nudged once per day (insights/actions).
    "insights-nudge-overdue-actions": {
        "task": "insights.nudge_overdue_actions",
        "schedule": 3600.0,
    },
    # Leadership's thank-you post for the month before, drafted on the 1st (once per month).
    "insights-draft-monthly-recognition": {
        "task": "insights.draft_monthly_recognition",
        "schedule": crontab(day_of_month="1", hour=6, minute=0),
    },
    # Every 15 minutes; a survey's round opens once per period (unique per survey and Monday).
    "insights-open-pulse-rounds": {"task": "insights.open_pulse_rounds", "schedule": 900.0},
    # Daily at 05:00: last week's term counts again, so the hourly report reads them ready.
    "insights-count-signal-terms": {
        "task": "insights.count_signal_terms",
        "schedule": crontab(hour=5, minute=0),
    },
    # Monday mornings, hourly from 07:00 so that a missed run is caught up; each manager's
    # digest is claimed once per week (insights/team_digest.py).
    "insights-team-digests": {
        "task": "insights.send_team_digests",
        "schedule": crontab(hour="7-11", minute=30, day_of_week="mon"),
    },
    # Digests at 07:00 local time (TIME_ZONE): daily ones every day, weekly ones on Mondays.
    "notifications-daily-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "kwargs": {"cadence": "daily"},
    },
    "notifications-weekly-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "kwargs": {"cadence": "weekly"},
    },
    "notifications-nudge-owners": {
        "task": "notifications.nudge_challenge_owners",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
}
# Notification centre (notifications/README.md): the digest people get until they choose, and
# how long an idea may wait for an answer before its challenge owner is nudged.
NOTIFICATIONS_DEFAULT_CADENCE = env("NOTIFICATIONS_DEFAULT_CADENCE", "weekly")
NOTIFICATIONS_NUDGE_AFTER_DAYS = int(env("NOTIFICATIONS_NUDGE_AFTER_DAYS", "14"))
# A community post or comment is hidden at this many reports, until a moderator decides.
COMMUNITIES_REPORTS_TO_HIDE = int(env("COMMUNITIES_REPORTS_TO_HIDE", "3"))
SEARCH_LOG_RETENTION_DAYS = int(env("SEARCH_LOG_RETENTION_DAYS", "395"))
SEARCH_ANALYTICS_MIN_SEARCHERS = int(env("SEARCH_ANALYTICS_MIN_SEARCHERS", "5"))
# Learning from use (search/learning.py): a result chosen for a query by this many distinct
# people ranks higher for it, by at most this factor; a choice loses half its weight per half-life.
SEARCH_LEARNING_MIN_SEARCHERS = int(env("SEARCH_LEARNING_MIN_SEARCHERS", "3"))
SEARCH_LEARNING_HALF_LIFE_DAYS = float(env("SEARCH_LEARNING_HALF_LIFE_DAYS", "30"))
SEARCH_LEARNING_MAX_BOOST = float(env("SEARCH_LEARNING_MAX_BOOST", "1.5"))
# Insights never show a figure or signal drawn from fewer distinct people (insights/README.md).
INSIGHTS_MIN_PEOPLE = int(env("INSIGHTS_MIN_PEOPLE", "5"))
# An excerpt of what people wrote is quoted only from public content and themes of this many people.
INSIGHTS_QUOTE_MIN_PEOPLE = int(env("INSIGHTS_QUOTE_MIN_PEOPLE", "10"))
# Works-council agreements may turn off breakdowns by team and frustration analysis
# (insights/privacy.py); both are on by default.
INSIGHTS_TEAM_BREAKDOWNS = env_bool("INSIGHTS_TEAM_BREAKDOWNS", True)
INSIGHTS_FRUSTRATION_ANALYSIS = env_bool("INSIGHTS_FRUSTRATION_ANALYSIS", True)
# Page views note who was active in Redis (no database write per request); empty: direct.
INSIGHTS_ACTIVITY_REDIS_URL = env("INSIGHTS_ACTIVITY_REDIS_URL", CELERY_BROKER_URL or "")
INSIGHTS_BASELINE_WEEKS = int(env("INSIGHTS_BASELINE_WEEKS", "8"))
INSIGHTS_EMERGING_MIN_SCORE = float(env("INSIGHTS_EMERGING_MIN_SCORE", "2.0"))
INSIGHTS_MAX_SIGNALS = int(env("INSIGHTS_MAX_SIGNALS", "15"))
OUTBOX_RETENTION_DAYS = int(env("OUTBOX_RETENTION_DAYS", "7"))
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "8"))
# Off: tasks wait for the relay instead of going to the broker at commit (the test suite uses
# this for tests that run no worker, so that no worker touches their tables).
OUTBOX_SEND_ON_COMMIT = env_bool("OUTBOX_SEND_ON_COMMIT", True)

if CELERY_BROKER_URL:
    TASKS = {"default": {"BACKEND": "core.outbox.OutboxBackend"}}
else:
    # Inline, but a task that fails is kept in the outbox and retried (core/outbox.py).
    TASKS = {"default": {"BACKEND": "core.outbox.InlineBackend"}}

# --- Cache: Redis (CACHE_URL) shared by every worker process, else local memory -----------
CACHE_URL = env("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "ruche"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The header's unread count is cached per person (notifications/unread.py) where every process
# that posts notices sees the cache: a shared Redis cache, or tasks run in the web process.
NOTIFICATIONS_CACHE_UNREAD_COUNT = env_bool(
    "NOTIFICATIONS_CACHE_UNREAD_COUNT", bool(CACHE_URL) or not CELERY_BROKER_URL
)

# --- Rate limits (core/ratelimits.py): "count/period", period s, m, h or d ------------
# Per signed-in user; sign-in is limited per username and per client address. Several gunicorn
# workers count together only with CACHE_URL set.
RATELIMIT_ENABLE = env_bool("RATE_LIMITS_ENABLED", True)
RATELIMIT_USE_CACHE = "default"
# Behind a proxy, the header it sets to the client address (e.g. HTTP_X_REAL_IP).
RATE_LIMIT_IP_META_KEY = env("RATE_LIMIT_IP_META_KEY", "REMOTE_ADDR")
RATE_LIMITS = {
    "sign_in": env("RATE_LIMIT_SIGN_IN", "10/m"),  # failed sign-ins per username and address
    "sign_in_ip": env("RATE_LIMIT_SIGN_IN_IP", "60/m"),  # failed sign-ins per client address
    "idea": env("RATE_LIMIT_IDEA", "30/h"),  # idea submissions
    "vote": env("RATE_LIMIT_VOTE", "120/m"),  # votes on ideas and questions, and take-backs
    "question": env("RATE_LIMIT_QUESTION", "20/h"),  # questions to leadership
    "comment": env("RATE_LIMIT_COMMENT", "30/m"),  # comments on ideas and news
    "search": env("RATE_LIMIT_SEARCH", "120/m"),  # search page and search API
    "suggest": env("RATE_LIMIT_SUGGEST", "600/m"),  # as-you-type suggestions
    "mention": env("RATE_LIMIT_MENTION", "600/m"),  # people and teams offered to mention
    "kudos": env("RATE_LIMIT_KUDOS", "20/h"),  # kudos given (each one emails two people)
    "rsvp": env("RATE_LIMIT_RSVP", "60/m"),  # answers to events and their withdrawals
    "post": env("RATE_LIMIT_POST", "30/h"),  # community posts and questions
    "poll_vote": env("RATE_LIMIT_POLL_VOTE", "120/m"),  # ballots in community polls
    "community": env("RATE_LIMIT_COMMUNITY", "5/h"),  # communities created, per person
}

# --- Single sign-on with OpenID Connect: on when OIDC_RP_CLIENT_ID is set (people/oidc.py) --
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False  # only people imported from HR (matched by email) sign in
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=refused"
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "people.oidc.PeopleOIDCBackend"]

# --- Email -----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Ruche <ruche@localhost>")

# --- Web Push (notifications/README.md): the VAPID pair pushes are signed with ----------------
# Generate one with `manage.py generate_vapid_keys`. Without both keys push is off (the
# preferences page offers it only when it is on); the embedded mode keeps a pair of its own
# (dev.py). The subject tells push services whom to contact: a mailto: or https: URL.
WEBPUSH_VAPID_PRIVATE_KEY = env("WEBPUSH_VAPID_PRIVATE_KEY", "")
WEBPUSH_VAPID_PUBLIC_KEY = env("WEBPUSH_VAPID_PUBLIC_KEY", "")
WEBPUSH_VAPID_SUBJECT = env(
    "WEBPUSH_VAPID_SUBJECT", "mailto:" + DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
)
# Where subscriptions may point: the push services of the browsers (a host, or `.domain` for
# any of its subdomains), always over HTTPS. Ruche posts to these URLs: nothing else is
# accepted, so that a subscription cannot make the server call an internal address.
WEBPUSH_ENDPOINT_HOSTS = env_list(
    "WEBPUSH_ENDPOINT_HOSTS",
    "fcm.googleapis.com,updates.push.services.mozilla.com,.push.services.mozilla.com,"
    "web.push.apple.com,.notify.windows.com",
)
# How long a push service keeps a push for a device that is offline, and waits for it.
WEBPUSH_TTL = int(env("WEBPUSH_TTL", str(24 * 3600)))
WEBPUSH_TIMEOUT = float(env("WEBPUSH_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}
