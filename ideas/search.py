"""Search kinds `challenge` and `idea` for the unified search.

Documents carry the challenge's audience as `audience_team_ids` (None: everyone); an idea
outside a live challenge, hidden by moderation or merged into another is not findable; an
anonymous idea's document never holds its author.
"""

from __future__ import annotations

from django.utils.html import strip_tags

from ideas.models import ChallengePage, Idea, StatusChange
from ideas.selectors import challenge_audience_ids
from search.keys import import_key, with_import_key
from search.registry import SearchDocument, SearchKind, prefetched, register, related


def _text(markup: str) -> str:
    return " ".join(strip_tags(markup.replace("><", "> <")).split())


def _audience(challenge: ChallengePage) -> list[int] | None:
    return challenge_audience_ids(challenge) or None


def challenge_document(challenge: ChallengePage) -> SearchDocument | None:
    if not challenge.live:
        return None
    return SearchDocument(
        kind="challenge",
        object_id=str(challenge.pk),
        title=challenge.title,
        url=challenge.url or "",
        body=_text(challenge.description),
        key=import_key(challenge, "challenge"),
        language="fr",
        tags=[tag.name for tag in related(challenge, "tags")],
        date=challenge.opens_at,
        audience_team_ids=_audience(challenge),
        suggestions=[challenge.title],
    )


def idea_document(idea: Idea) -> SearchDocument | None:
    challenge = idea.challenge
    if not challenge.live or idea.hidden_at or idea.merged_into_id:
        return None
    answers = [change.message for change in related(idea, "status_changes")]
    body = " ".join([_text(idea.description), *(_text(message) for message in answers)])
    teams = []
    if not idea.anonymous:
        author = idea.author.get_full_name() or idea.author.get_username()
        body = f"{body} {author}"
        profile = getattr(idea.author, "profile", None)
        if profile is not None and profile.team_id:
            teams = [profile.team.name]
    return SearchDocument(
        kind="idea",
        object_id=str(idea.pk),
        title=idea.title,
        url=idea.get_absolute_url(),
        body=body,
        key=import_key(idea, "idea"),
        tags=[tag.name for tag in related(idea, "tags")],
        teams=teams,
        date=idea.created_at,
        audience_team_ids=_audience(challenge),
        boost=1.0 + min(idea.vote_count, 100) / 100,
        suggestions=[idea.title],
        parent=str(challenge.pk),
    )


register(
    SearchKind(
        kind="challenge",
        model=ChallengePage,
        queryset=lambda: with_import_key(
            ChallengePage.objects.live().prefetch_related(prefetched("tags"), "audience"),
            "challenge",
        ),
        document=challenge_document,
    )
)
register(
    SearchKind(
        kind="idea",
        model=Idea,
        queryset=lambda: with_import_key(
            Idea.objects.visible()
            .select_related("challenge", "author__profile__team")
            .prefetch_related(
                prefetched("tags"), prefetched("status_changes"), "challenge__audience"
            ),
            "idea",
        ),
        document=idea_document,
        related={
            StatusChange: lambda change: [change.idea],
            # The challenge's audience or publication changes every idea's permissions.
            ChallengePage: lambda challenge: Idea.objects.filter(challenge=challenge),
        },
    )
)
