"""Search kinds `community` and `post` for the unified search (core.findable); the kind
`event` is the events app's (agenda/search.py), gated by its host's `community_ids` here.

No document says who may find it: each names its community (`community_ids`), and the search
asks `communities.selectors.access` at query time which communities the searcher may know of
(`communities_visible_to`, for a community's own document: `community_access="see"`) and read
(`communities_readable_by`, for its posts and events), in one query (`community_reach`). So
joining, leaving, being accepted, or a community turned secret, closed or open changes what
each person finds at once, with nothing re-indexed; administrators find everything.

A hidden (moderated) post has no document; a scheduled one is indexed at once with
`visible_from`, and no one finds it before then.

Documents follow the committed state through the search app's model signals
(search/signals.py): saving or deleting a Community, Post or Event, and their tags, re-indexes
it after commit. A community's own save re-indexes its posts and events only when its name
(which their documents hold) changed: `_remember_indexed_name` reads it before the save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from communities.models import Community, CommunityTag, Post, PostKind, PostTag
from communities.selectors.access import communities_readable_by, communities_visible_to
from core.findable import (
    CommunityReach,
    SearchDocument,
    SearchKind,
    Thumbnail,
    cover_thumbnails,
    prefetched,
    register,
    related,
    serve_community_reach,
)
from core.keys import import_key, with_import_key
from core.richtext import plain_text

# A post without a title is shown in results by the start of its text.
UNTITLED_LENGTH = 80
QUESTION, SOLVED = _("Question"), _("Solved")


def community_reach(user: Any) -> CommunityReach:
    """The communities `user` may know of and those they may read, in one query."""
    readable = communities_readable_by(user).filter(pk=OuterRef("pk"))
    rows = (
        communities_visible_to(user)
        .order_by()
        .annotate(readable=Exists(readable))
        .values_list("pk", "readable")
    )
    visible, readable_ids = [], []
    for pk, is_readable in rows:
        visible.append(pk)
        if is_readable:
            readable_ids.append(pk)
    return CommunityReach(visible=visible, readable=readable_ids)


def _in_every_language(*labels: Any) -> list[str]:
    """Each label in each language of the site, so that either finds it."""
    words: dict[str, None] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.update(dict.fromkeys(str(label) for label in labels))
    return list(words)


def _person_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def community_document(community: Community) -> SearchDocument:
    name = community.name
    return SearchDocument(
        kind="community",
        object_id=str(community.pk),
        title=name,
        url=community.get_absolute_url(),
        body=plain_text(community.description),
        key=import_key(community, "community"),
        tags=[tag.name for tag in related(community, "tags")],
        date=community.created_at,
        suggestions=[name],
        community_ids=[community.pk],
        community_access="see",
    )


def post_document(post: Post) -> SearchDocument | None:
    """Title, text, tags, community, author and type; None once hidden by moderation."""
    if post.hidden_at is not None:
        return None
    text = plain_text(post.body)
    title = post.title or Truncator(text).chars(UNTITLED_LENGTH) or str(post.pk)
    labels: list[Any] = []
    if post.kind == PostKind.QUESTION:
        labels = [QUESTION, SOLVED] if post.accepted_answer_id else [QUESTION]
    # The text first, for snippets; then where and by whom, and the type.
    body = " · ".join(
        part
        for part in [
            text,
            post.community.name,
            _person_name(post.author),
            " ".join(_in_every_language(*labels)),
        ]
        if part
    )
    return SearchDocument(
        kind="post",
        object_id=str(post.pk),
        title=title,
        url=post.get_absolute_url(),
        body=body,
        key=import_key(post, "post"),
        tags=[tag.name for tag in related(post, "tags")],
        date=post.publish_at,
        boost=1.0 + min(post.comment_count, 20) / 100,
        suggestions=[post.title] if post.title else [],
        parent=str(post.community_id),
        community_ids=[post.community_id],
        visible_from=post.publish_at,
    )


def _remember_indexed_name(sender, instance: Community, raw: bool = False, **kwargs) -> None:
    """Before a community is saved: the name its posts' and events' documents hold now."""
    if raw or instance.pk is None:
        return
    instance._search_indexed_name = (  # type: ignore[attr-defined]
        Community.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


def events_when_renamed(community: Community) -> Iterable[Any]:
    """The events of a community whose save changed its name (their documents hold it)."""
    return _when_renamed(lambda renamed: renamed.events.all())(community)


def _when_renamed(
    contents: Callable[[Community], QuerySet[Any]],
) -> Callable[[Community], Iterable[Any]]:
    """The posts or events of a community whose save changed its name; none otherwise (its
    visibility is read at query time, and deleting it deletes them with their own signals)."""

    def affected(community: Community) -> Iterable[Any]:
        before = getattr(community, "_search_indexed_name", None)
        if before is None or before == community.name:
            return []
        return contents(community).only("pk")

    return affected


def _tagged(model: type[Community] | type[Post]) -> Callable[[Any], QuerySet[Any]]:
    """The object a tag row belongs to, by id (read while a cascade deletes it)."""
    return lambda item: model.objects.filter(pk=item.content_object_id).only("pk")


pre_save.connect(
    _remember_indexed_name,
    sender=Community,
    weak=False,
    dispatch_uid="ruche-search-community-name",
)
serve_community_reach(community_reach)


def _cover_thumbnail(community: Community) -> Thumbnail:
    """A community's cover goes through its own checked view (`communities:cover`)."""
    return Thumbnail(image=community.cover, serve="communities:cover", key=community.slug)


register(
    SearchKind(
        kind="community",
        guest_visible=True,  # a guest finds those of their communities (access.py)
        model=Community,
        queryset=lambda: with_import_key(
            Community.objects.prefetch_related(prefetched("tags")), "community"
        ),
        document=community_document,
        thumbnails=lambda user, ids: cover_thumbnails(
            Community.objects.all(), ids, image="cover", make=_cover_thumbnail
        ),
        related={CommunityTag: _tagged(Community)},
    )
)
register(
    SearchKind(
        kind="post",
        guest_visible=True,  # a guest finds those of their communities (access.py)
        model=Post,
        queryset=lambda: with_import_key(
            Post.objects.filter(hidden_at__isnull=True)
            .select_related("community", "author")
            .prefetch_related(prefetched("tags")),
            "post",
        ),
        document=post_document,
        related={
            PostTag: _tagged(Post),
            Community: _when_renamed(lambda community: Post.objects.filter(community=community)),
        },
    )
)
