"""Search kinds `challenge` and `idea` for the unified search.

Documents carry the challenge's audience as `audience_team_ids` (None: everyone) and the page
privacy of the challenge (set on it or on a section above it) as `group_ids`; a challenge
behind a password, an idea outside a live challenge, hidden by moderation or merged into
another is not findable; an anonymous idea's document never holds its author.
"""

from __future__ import annotations

from core.findable import (
    SearchDocument,
    SearchKind,
    cover_thumbnails,
    prefetched,
    register,
    related,
)
from core.keys import import_key, with_import_key
from core.richtext import plain_text
from ideas.models import ChallengePage, Idea, StatusChange
from ideas.selectors import challenge_audience_ids
from search.pages import follows_page_privacy, page_visibility


def _audience(challenge: ChallengePage) -> list[int] | None:
    return challenge_audience_ids(challenge) or None


def challenge_document(challenge: ChallengePage) -> SearchDocument | None:
    findable, group_ids = page_visibility(challenge)
    if not findable:
        return None
    return SearchDocument(
        kind="challenge",
        object_id=str(challenge.pk),
        title=challenge.title,
        url=challenge.url or "",
        body=plain_text(challenge.description),
        key=import_key(challenge, "challenge"),
        language="fr",
        tags=[tag.name for tag in related(challenge, "tags")],
        date=challenge.opens_at,
        audience_team_ids=_audience(challenge),
        group_ids=group_ids,
        suggestions=[challenge.title],
    )


def idea_document(idea: Idea) -> SearchDocument | None:
    challenge = idea.challenge
    if idea.hidden_at or idea.merged_into_id:
        return None
    findable, group_ids = page_visibility(challenge)
    if not findable:
        return None
    answers = [change.message for change in related(idea, "status_changes")]
    body = " ".join([plain_text(idea.description), *(plain_text(message) for message in answers)])
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
        group_ids=group_ids,
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
        thumbnails=lambda user, ids: cover_thumbnails(
            ChallengePage.objects.prefetch_related("audience"), ids
        ),
        related={
            ChallengePage.audience.through: lambda challenge: [challenge],
            **follows_page_privacy(
                lambda page: ChallengePage.objects.descendant_of(page, inclusive=True)
            ),
        },
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
            # The challenge's audience, privacy or publication changes every idea's permissions.
            ChallengePage: lambda challenge: Idea.objects.filter(challenge=challenge),
            ChallengePage.audience.through: lambda challenge: Idea.objects.filter(
                challenge=challenge
            ),
            **follows_page_privacy(
                lambda page: Idea.objects.filter(
                    challenge__in=ChallengePage.objects.descendant_of(page, inclusive=True)
                )
            ),
        },
    )
)
