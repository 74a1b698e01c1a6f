"""A deleted target takes its conversation with it (comments, reactions, reports), as the
foreign keys of the apps' former comment tables did."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete

from .models import Conversation
from .registry import kinds


def _drop_conversation(sender: object, instance: Any, **kwargs: object) -> None:
    if any(isinstance(instance, kind.models) for kind in kinds()):
        Conversation.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        ).delete()


def connect() -> None:
    post_delete.connect(_drop_conversation, dispatch_uid="conversations_drop_with_target")
