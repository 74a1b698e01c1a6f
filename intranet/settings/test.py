"""Test settings: the full mode on real services started by `make services`.

The suite runs against PostgreSQL, Redis, a Celery worker and OpenSearch; it refuses to run
on SQLite so that nothing passes by accident on the embedded default. RUCHE_TEST_SLOT (0-7)
gives parallel checkouts their own database, Redis databases and index prefix (Redis has 16
databases: slot 7 keeps its results in database 0, which only a developer's full-mode run uses).
"""

import os
import uuid

from notifications.vapid import generate_pair

_slot = int(os.environ.get("RUCHE_TEST_SLOT", "0"))
_suffix = f"_{_slot}" if _slot else ""
os.environ.setdefault("DATABASE_URL", f"postgres://ruche:ruche@127.0.0.1:5432/ruche{_suffix}")
os.environ.setdefault("CELERY_BROKER_URL", f"redis://127.0.0.1:6379/{1 + 2 * _slot}")
os.environ.setdefault("CELERY_RESULT_BACKEND", f"redis://127.0.0.1:6379/{(2 + 2 * _slot) % 16}")
os.environ.setdefault("SEARCH_BACKEND", "opensearch2")
os.environ.setdefault("SEARCH_URL", "http://127.0.0.1:9200")
os.environ.setdefault("SEARCH_INDEX_PREFIX", f"ruche_test{_suffix}_")

# A VAPID pair for this run, inherited by the processes the suite starts (its Celery worker).
if not os.environ.get("WEBPUSH_VAPID_PRIVATE_KEY"):
    os.environ["WEBPUSH_VAPID_PRIVATE_KEY"], os.environ["WEBPUSH_VAPID_PUBLIC_KEY"] = (
        generate_pair()
    )

from .base import *  # noqa: E402 - the environment above must be set first

# The suite's push service listens on loopback (tests/notifications/push_service.py).
WEBPUSH_ENDPOINT_HOSTS = [*WEBPUSH_ENDPOINT_HOSTS, "127.0.0.1"]

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In-process email stays in django.core.mail.outbox unless a test asks for `smtp_server`;
# the Celery worker started by the suite is given the SMTP server's address instead.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
MEDIA_ROOT = BASE_DIR / "test-artifacts" / f"media{_suffix}"

# A test-only beat schedule (tests/notifications/test_beat.py): the daily digest every few
# seconds, so that a real `celery beat` process shows a scheduled digest arriving once.
if os.environ.get("RUCHE_TEST_BEAT_EVERY"):
    CELERY_BEAT_SCHEDULE = {
        "test-daily-digest": {
            "task": "notifications.send_digests",
            "schedule": float(os.environ["RUCHE_TEST_BEAT_EVERY"]),
            "kwargs": {"cadence": "daily"},
        }
    }
# Rate limits count in real Redis. Slots use Redis databases 1-14 for Celery, so the counts of
# every slot live in database 15, apart by key prefix: the slot, and this run (inherited by the
# processes the run starts), since a new test database reuses user ids. The default cache
# stays in process memory: a rolled-back test must not leave cached values to the next one.
_run = os.environ.setdefault("RUCHE_TEST_RUN", uuid.uuid4().hex[:12])
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("RATE_LIMIT_CACHE_URL", "redis://127.0.0.1:6379/15"),
        "KEY_PREFIX": f"ruche_test{_suffix}_{_run}",
    },
}
RATELIMIT_USE_CACHE = "ratelimit"
# Generous in the suite, whose tests vote, sign in and search a lot as one user; the tests of
# the limits themselves (tests/security/test_rate_limits.py) set realistic ones.
RATE_LIMITS = {scope: "10000/m" for scope in RATE_LIMITS}
# The suite posts notices in its own process (a test that asks for the worker reads no badge):
# the header's unread count is cached as it is on a site with a shared cache.
NOTIFICATIONS_CACHE_UNREAD_COUNT = True
