"""`{% open_action_link %}`: the link other parts put beside a signal, a survey result or a
query, for who may open an action about it (insights/actions/README.md)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import ngettext

from insights.actions.forms import LABEL_MAX_LENGTH
from insights.actions.models import Action, ActionStatus, SourceKind
from insights.actions.selectors import may_open_actions, may_open_for_team
from people.models import Team

register = template.Library()


@register.inclusion_tag("insights_actions/_open_action_link.html", takes_context=True)
def open_action_link(
    context: template.Context,
    source_kind: str = "",
    source_key: Any = "",
    source_label: Any = "",
    source_week: date | str = "",
    source_people: int | str = "",
    team: Team | str = "",
) -> dict[str, Any]:
    """The “Open an action” link, prefilled; nothing for who may not open one (for a manager,
    nothing either when the team is not theirs)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not may_open_actions(user):
        return {"url": ""}
    slug = team.slug if isinstance(team, Team) else str(team or "")
    if slug and not may_open_for_team(user, Team.objects.filter(slug=slug).first()):
        return {"url": ""}
    week = source_week.isoformat() if isinstance(source_week, date) else str(source_week or "")
    params = {
        "source_kind": source_kind,
        "source_key": str(source_key or ""),
        "source_label": str(source_label or "")[:LABEL_MAX_LENGTH],
        "source_week": week,
        "source_people": str(source_people or ""),
        "team": slug,
    }
    query = urlencode({name: value for name, value in params.items() if value})
    return {"url": f"{reverse('insights_actions:new')}?{query}", "label": source_label}


STATUS_TONES: dict[str, str] = {
    ActionStatus.DONE: "success",
    ActionStatus.IN_PROGRESS: "info",
    ActionStatus.PLANNED: "neutral",
    ActionStatus.DROPPED: "warning",
}


@register.filter
def status_tone(status: str) -> str:
    """The status badge's tone for an action's status (the status is always written too)."""
    return STATUS_TONES.get(status, "neutral")


@register.filter
def you_said(action: Action) -> str:
    """What people said, as the public page writes it: how many, and about what."""
    count, label = action.source_people, action.source_label
    sentences: dict[str, str] = {
        SourceKind.ZERO_RESULTS: ngettext(
            "%(count)s person searched for “%(label)s” and found nothing",
            "%(count)s people searched for “%(label)s” and found nothing",
            count,
        ),
        SourceKind.SURVEY: ngettext(
            "%(count)s person answered about “%(label)s”",
            "%(count)s people answered about “%(label)s”",
            count,
        ),
        SourceKind.QUESTION: ngettext(
            "%(count)s person asked about “%(label)s”",
            "%(count)s people asked about “%(label)s”",
            count,
        ),
        SourceKind.IDEA: ngettext(
            "%(count)s person backed the idea “%(label)s”",
            "%(count)s people backed the idea “%(label)s”",
            count,
        ),
    }
    sentence = sentences.get(
        action.source_kind,
        ngettext(
            "%(count)s person talked about “%(label)s”",
            "%(count)s people talked about “%(label)s”",
            count,
        ),
    )
    return sentence % {"count": count, "label": label}
