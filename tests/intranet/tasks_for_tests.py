"""A django-tasks task with a visible database effect, for tests of the outbox."""

from django.contrib.auth.models import Group
from django_tasks import task


@task()
def create_group(name: str) -> None:
    Group.objects.create(name=name)
