"""Test settings: the full mode on real services started by `make services`.

The suite runs against PostgreSQL, Redis, a Celery worker and OpenSearch; it refuses to run
on SQLite so that nothing passes by accident on the embedded default. RUCHE_TEST_SLOT (0-6)
gives parallel checkouts their own database, Redis databases and index prefix.
"""

import os

_slot = int(os.environ.get("RUCHE_TEST_SLOT", "0"))
_suffix = f"_{_slot}" if _slot else ""
os.environ.setdefault("DATABASE_URL", f"postgres://ruche:ruche@127.0.0.1:5432/ruche{_suffix}")
os.environ.setdefault("CELERY_BROKER_URL", f"redis://127.0.0.1:6379/{1 + 2 * _slot}")
os.environ.setdefault("CELERY_RESULT_BACKEND", f"redis://127.0.0.1:6379/{2 + 2 * _slot}")
os.environ.setdefault("SEARCH_BACKEND", "opensearch2")
os.environ.setdefault("SEARCH_URL", "http://127.0.0.1:9200")
os.environ.setdefault("SEARCH_INDEX_PREFIX", f"ruche_test{_suffix}_")

from .base import *  # noqa: E402 - the environment above must be set first

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
