"""The audience picker of news pages in the admin: a checkbox tree of teams and its reach.

The tree is a plain form widget (checkboxes work without JavaScript); the reach panel shows,
server-side, how many people the saved audience reaches, and `audience.js` keeps it current
while the editor ticks teams, from the admin endpoint `news:audience_reach`. The count is
`people.selectors.audience_reach`, the rule `news.selectors.addressed_to` applies to readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.panels import Panel

from people.models import Team
from people.selectors import AudienceReach, audience_reach, team_ancestor_ids, team_tree

TEAMS_SHOWN_IN_SUMMARY = 5


def reach_summary(reach: AudienceReach) -> str:
    """ "Reaches 312 people (Team A 40, …)"; for no team, everyone."""
    if not reach.teams:
        return ngettext(
            "Everyone: reaches %(count)s person", "Everyone: reaches %(count)s people", reach.total
        ) % {"count": reach.total}
    parts = [f"{team.name} {team.count}" for team in reach.teams[:TEAMS_SHOWN_IN_SUMMARY]]
    if len(reach.teams) > TEAMS_SHOWN_IN_SUMMARY:
        parts.append("…")
    return ngettext(
        "Reaches %(count)s person (%(teams)s)", "Reaches %(count)s people (%(teams)s)", reach.total
    ) % {"count": reach.total, "teams": ", ".join(parts)}


def reach_payload(team_ids: Iterable[int]) -> dict[str, Any]:
    """The JSON the picker reads: the summary sentence and its figures."""
    reach = audience_reach(team_ids)
    return {
        "total": reach.total,
        "everyone": not reach.teams,
        "teams": [{"id": t.team_id, "name": t.name, "count": t.count} for t in reach.teams],
        "summary": reach_summary(reach),
    }


class AudienceTreeWidget(forms.CheckboxSelectMultiple):
    """The teams as nested checkboxes, each team under its parent."""

    template_name = "news/admin/audience_tree.html"

    class Media:
        js = ["news/audience.js"]
        css = {"all": ["news/audience.css"]}

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = {str(item) for item in (value or [])}
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        rows = []
        for team, depth in team_tree():
            rows.append(
                {
                    "id": f"{base_id}_{team.pk}",
                    "value": team.pk,
                    "label": team.name,
                    "depth": depth,
                    "checked": str(team.pk) in chosen,
                }
            )
        context["widget"]["tree"] = nest(rows)
        return context


def nest(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in tree order with depths → each row with its `children`, for nested lists."""
    top: list[dict[str, Any]] = []
    path: list[dict[str, Any]] = []
    for row in rows:
        row = {**row, "children": []}
        del path[row["depth"] :]
        (path[-1]["children"] if path else top).append(row)
        path.append(row)
    return top


class AudienceReachPanel(Panel):
    """How many people the saved audience reaches, updated live as teams are ticked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Audience reach"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/audience_reach_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            team_ids = (
                list(instance.audience_teams.values_list("pk", flat=True)) if instance.pk else []
            )
            context["reach"] = reach_payload(team_ids)
            context["reach_url"] = reverse("news_audience_reach")
            return context


# --- Preview as an employee of a team ---------------------------------------------------------

PREVIEW_TEAM_PREFIX = "team-"


def team_preview_modes() -> list[tuple[str, str]]:
    """One preview mode per team, in tree order: "As an employee of: Team"."""
    return [
        (
            f"{PREVIEW_TEAM_PREFIX}{team.pk}",
            gettext_lazy("As an employee of: %(team)s") % {"team": "— " * depth + team.name},
        )
        for team, depth in team_tree()
    ]


def audience_preview(page: Any, mode_name: str) -> dict[str, Any] | None:
    """For a team preview mode: the team and whether its employees are in the page's audience
    (the rule of `news.selectors.addressed_to`: no team, or the team or one above it)."""
    if not mode_name.startswith(PREVIEW_TEAM_PREFIX):
        return None
    raw = mode_name.removeprefix(PREVIEW_TEAM_PREFIX)
    team = Team.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if team is None:
        return None
    audience = {t.pk for t in page.audience_teams.all()}
    reached = not audience or bool(audience & set(team_ancestor_ids(team.pk)))
    return {"team": team, "reached": reached}
