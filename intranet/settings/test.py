"""Test settings: the full mode on real services started by `make services`.

The suite runs against PostgreSQL, Redis, a Celery worker and OpenSearch; it refuses to run
on SQLite so that nothing passes by accident on the embedded default.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://ruche:ruche@127.0.0.1:5432/ruche")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/1")
os.environ.setdefault("CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/2")
os.environ.setdefault("SEARCH_BACKEND", "opensearch2")
os.environ.setdefault("SEARCH_URL", "http://127.0.0.1:9200")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "ruche_test_")

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
