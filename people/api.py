"""The people API under /api/people/: what the editors' mention autocomplete offers.

Mounted in `intranet/urls.py` with `api.add_router("/people/", "people.api.router")`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from core.api import ERRORS
from core.ratelimits import check_api_rate
from people.mentions import person_token, suggest_mentions, team_token

router = Router(tags=["people"])


class MentionedPerson(Schema):
    username: str
    name: str
    job_title: str
    url: str
    token: str = Field(description="what to write to mention them, e.g. @camille")


class MentionedTeam(Schema):
    slug: str
    name: str
    url: str
    token: str = Field(description="what to write to mention the team, e.g. @équipe:support")


class MentionSuggestions(Schema):
    people: list[MentionedPerson]
    teams: list[MentionedTeam]


@router.get(
    "/mentions/",
    response={200: MentionSuggestions, **ERRORS},
    summary="People and teams to mention, by the beginning of a name",
)
def mention_suggestions(
    request: HttpRequest,
    q: str = Query(
        ...,
        max_length=100,
        pattern=r"[^\s\x1c-\x1f\x85@]",
        description="The beginning of a first or last name, a username or a team's name "
        "(what follows `@`; `équipe:` to look for teams only).",
    ),
) -> dict[str, list[dict[str, str]]]:
    check_api_rate(request, "mention")
    if not q.strip().removeprefix("@").strip():
        raise HttpError(400, "Give the beginning of a name in 'q'.")
    found = suggest_mentions(q)
    return {
        "people": [
            {
                "username": profile.user.username,
                "name": profile.full_name,
                "job_title": profile.job_title,
                "url": reverse("people:profile", kwargs={"username": profile.user.username}),
                "token": person_token(profile.user.username),
            }
            for profile in found.people
        ],
        "teams": [
            {
                "slug": team.slug,
                "name": team.name,
                "url": reverse("people:team", args=[team.slug]),
                "token": team_token(team.slug),
            }
            for team in found.teams
        ],
    }
