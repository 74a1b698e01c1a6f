"""The Celery application: Redis broker, late acknowledgement, beat schedule from settings.

Application code does not call Celery directly: it enqueues django-tasks tasks, which the
outbox backend (core.outbox) stores with the write and hands to these workers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.dev")

app = Celery("intranet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
