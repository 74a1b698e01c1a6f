"""Search kinds `challenge` and `idea` for the unified search.

Documents carry the challenge's audience as `audience_team_ids` (None: everyone); an idea
outside a live challenge, hidden by moderation or merged into another is not findable; an
anonymous idea's document never holds its author.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils.html import strip_tags

from ideas.models import ChallengePage, Idea, StatusChange
from ideas.selectors import challenge_audience_ids
from intranet.models import ExternalKey
from search.registry import SearchDocument, SearchKind, register


def with_import_key(queryset: QuerySet, kind: str) -> QuerySet:
    """Annotate each object with its import key (`import_key`), in the same query."""
    content_type = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
    keys = ExternalKey.objects.filter(
        kind=kind,
        content_type=content_type,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return queryset.annotate(import_key=Subquery(keys.values("key")[:1]))


def _key(obj, kind: str) -> str | None:
    if hasattr(obj, "import_key"):
        return obj.import_key
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    row = ExternalKey.objects.filter(
        kind=kind, content_type=content_type, object_id=str(obj.pk)
    ).first()
    return row.key if row else None


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
        key=_key(challenge, "challenge"),
        language="fr",
        tags=[tag.name for tag in challenge.tags.all()],
        date=challenge.opens_at,
        audience_team_ids=_audience(challenge),
        suggestions=[challenge.title],
    )


def idea_document(idea: Idea) -> SearchDocument | None:
    challenge = idea.challenge
    if not challenge.live or idea.hidden_at or idea.merged_into_id:
        return None
    answers = [change.message for change in idea.status_changes.all()]
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
        key=_key(idea, "idea"),
        tags=[tag.name for tag in idea.tags.all()],
        teams=teams,
        date=idea.created_at,
        audience_team_ids=_audience(challenge),
        boost=1.0 + min(idea.vote_count, 100) / 100,
        suggestions=[idea.title],
    )


register(
    SearchKind(
        kind="challenge",
        model=ChallengePage,
        queryset=lambda: with_import_key(
            ChallengePage.objects.live().prefetch_related("tags", "audience"), "challenge"
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
            .prefetch_related("tags", "status_changes", "challenge__audience"),
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
