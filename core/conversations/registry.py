"""Which models have conversations, and the rules and side effects of each.

An app registers a `ConversationKind` from its AppConfig.ready; the component never imports
the app. The kind answers who may read, comment, moderate; which conversations a user
moderates (the moderation queue); the target's title and address; and the callbacks the app
runs for its side effects (counters, follows, notices).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet


def _always(*_args: Any) -> bool:
    return True


def _never(*_args: Any) -> bool:
    return False


def _nothing(*_args: Any) -> None:
    return None


@dataclass(frozen=True)
class ConversationKind:
    """The rules of the conversations under the targets of `models`.

    - `name`: a short key (`news`, `ideas`) the queue filters by;
    - `clean_body(text) -> str`: the stored body (plain text or sanitised HTML, see
      `rich_text`), raising `errors.Invalid` with the message the user reads;
    - `can_comment(user, target)`: raises an `errors.ConversationError` when refused;
    - `can_read(user, target)`, `can_moderate(user, target)`, `sees_hidden(user, target)`;
    - `moderated(user, conversations)`: the conversations of this kind the user moderates;
    - `moderates_any(user)`: whether the user moderates anything of this kind (the queue);
    - `reports_to_hide(target)`: hide a comment (or the target) at this many reports, 0 never;
    - `target_reportable`: the target has `hidden_at` and `report_count` and may be reported;
    - `on_posted(comment)`, `on_visibility(comment, visible)`: the app's side effects, run
      in the writing transaction;
    - `urls`: URL names the thread template uses (`post`, `report`, `edit`, `delete`,
      `hide`, `restore`); a missing one hides its button.
    """

    name: str
    models: tuple[type[models.Model], ...]
    clean_body: Callable[[str], str]
    target_title: Callable[[Any], str]
    target_url: Callable[[Any], str]
    rich_text: bool = False
    can_read: Callable[[Any, Any], bool] = _always
    can_comment: Callable[[Any, Any], None] = _nothing
    can_moderate: Callable[[Any, Any], bool] = _never
    sees_hidden: Callable[[Any, Any], bool] = _never
    moderated: Callable[[Any, QuerySet[Any]], QuerySet[Any]] = lambda user, qs: qs.none()
    moderates_any: Callable[[Any], bool] = _never
    reports_to_hide: Callable[[Any], int] = lambda target: 0
    report_reason_length: int = 500
    target_reportable: bool = False
    on_posted: Callable[[Any], None] = _nothing
    on_visibility: Callable[[Any, bool], None] = _nothing
    urls: dict[str, str] = field(default_factory=dict)

    def content_types(self) -> list[ContentType]:
        return list(ContentType.objects.get_for_models(*self.models).values())


_KINDS: list[ConversationKind] = []


def register(kind: ConversationKind) -> ConversationKind:
    """Called from an AppConfig.ready; registering the same name again replaces it."""
    _KINDS[:] = [known for known in _KINDS if known.name != kind.name]
    _KINDS.append(kind)
    return kind


def kinds() -> list[ConversationKind]:
    return list(_KINDS)


def kind_for(target: object) -> ConversationKind:
    """The kind of a target instance (a specific page, an idea)."""
    for kind in _KINDS:
        if isinstance(target, kind.models):
            return kind
    raise LookupError(f"no conversation kind for {type(target).__name__}")


def kind_for_content_type(content_type_id: int) -> ConversationKind:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    for kind in _KINDS:
        if model is not None and issubclass(model, kind.models):
            return kind
    raise LookupError(f"no conversation kind for content type {content_type_id}")
