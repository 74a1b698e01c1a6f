"""News pages and leadership updates have conversations (core.conversations): comments with
one level of replies, reactions and reports, moderated by the editors."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.conversations.errors import Invalid
from core.conversations.registry import ConversationKind, register
from news.models import LeadershipUpdatePage, NewsPage
from news.selectors import can_moderate

COMMENT_MAX_LENGTH = 5000


def clean_body(body: str) -> str:
    """Plain text, escaped when shown; not empty, at most COMMENT_MAX_LENGTH characters."""
    body = (body or "").strip()
    if not body:
        raise Invalid(_("Write something first."))
    if len(body) > COMMENT_MAX_LENGTH:
        raise Invalid(_("Keep it under %(max)d characters.") % {"max": COMMENT_MAX_LENGTH})
    return body


def _moderates(user, _page=None) -> bool:
    return can_moderate(user)


KIND = ConversationKind(
    name="news",
    models=(NewsPage, LeadershipUpdatePage),
    clean_body=clean_body,
    target_title=lambda page: page.title,
    target_url=lambda page: page.url,
    # The views check Wagtail's page privacy with the request (a password entered counts).
    can_read=lambda user, page: True,
    can_moderate=_moderates,
    sees_hidden=_moderates,
    moderates_any=can_moderate,
    moderated=lambda user, conversations: (
        conversations if can_moderate(user) else conversations.none()
    ),
    urls={
        "post": "news:comment",
        "report": "news:comment_report",
        "edit": "news:comment_edit",
        "delete": "news:comment_delete",
        "hide": "news:comment_hide",
        "restore": "news:comment_restore",
    },
)


def register_kind() -> None:
    register(KIND)
