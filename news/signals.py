"""The moderation workflow and its task, created with English names (their stored, stable
identity: `news_workflow()` finds them by it), read in each reader's language.

Wagtail shows `workflow.name` and `task.name` as stored. An instance loaded with one of
Ruche's names carries its translation in the active language (the reader's, French by
default) instead; saving it unchanged writes the English name back, never the translation. A
name an administrator changed is stored and shown as they wrote it.
"""

from django.db.models.signals import post_init, post_save, pre_save
from django.utils.translation import gettext
from wagtail.models import GroupApprovalTask, Task, Workflow

from news.services.sections import APPROVAL_TASK_NAME, WORKFLOW_NAME

TRANSLATED_NAMES = {WORKFLOW_NAME, APPROVAL_TASK_NAME}
MODELS = (Workflow, Task, GroupApprovalTask)


def translate_name(sender, instance, **kwargs) -> None:
    name = instance.__dict__.get("name")
    if isinstance(name, str) and name in TRANSLATED_NAMES:
        instance._stored_name = name
        instance.name = instance._shown_name = gettext(name)


def store_english_name(sender, instance, **kwargs) -> None:
    shown = getattr(instance, "_shown_name", None)
    if shown is not None and instance.__dict__.get("name") == shown:
        instance.name = instance._stored_name


def connect() -> None:
    for model in MODELS:
        post_init.connect(translate_name, sender=model, dispatch_uid=f"news-name-{model}")
        pre_save.connect(store_english_name, sender=model, dispatch_uid=f"news-store-{model}")
        post_save.connect(translate_name, sender=model, dispatch_uid=f"news-reread-{model}")
