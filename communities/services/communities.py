"""Creating and changing communities: any employee creates one (and runs it), its animators
change it.

Refusals are core.conversations' errors: their message is what the person reads, their
status what the API answers. A change of visibility asks search to re-index the community and
everything in it, so that results follow the new rule at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.models import Community, Membership, Post, Role, Visibility
from communities.selectors.access import can_animate, can_see, may_create_community
from core.conversations.errors import Invalid, NotAllowed, NotFound
from core.findable import request_reindex
from core.images import store_uploaded_cover
from core.richtext import sanitise_html, text_to_html
from core.text import DESCRIPTION_MAX_LENGTH, first_bidi_control, too_long_message

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

NAME_MAX_LENGTH: int = Community._meta.get_field("name").max_length or 120
SLUG_MAX_LENGTH = 80
# Paths under /communities/ that are not communities: a community may not take them.
RESERVED_SLUGS = frozenset({"events", "new", "follow", "following", "posts", "api"})
TAGS_MAX = 10


def clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise Invalid(_("Give the community a name."))
    if len(name) > NAME_MAX_LENGTH:
        raise Invalid(too_long_message(len(name), NAME_MAX_LENGTH))
    code = first_bidi_control(name)
    if code:
        raise Invalid(_("The name contains an invisible text direction character (%(code)s).")
                      % {"code": code})
    return name


def clean_description(text: str) -> str:
    text = (text or "").strip()
    if len(text) > DESCRIPTION_MAX_LENGTH:
        raise Invalid(too_long_message(len(text), DESCRIPTION_MAX_LENGTH))
    return strip_tags(text)


def clean_welcome(text: str) -> str:
    """Sanitised HTML, or "" when nothing is left to say once the tags are gone."""
    if len(text or "") > DESCRIPTION_MAX_LENGTH:
        raise Invalid(too_long_message(len(text), DESCRIPTION_MAX_LENGTH))
    markup = sanitise_html(text_to_html(text or ""))
    return markup if strip_tags(markup).strip() else ""


def clean_visibility(visibility: str) -> str:
    if visibility not in Visibility.values:
        raise Invalid(_("Choose open, closed or secret."))
    return visibility


def clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())[:100]
        if tag and tag.lower() not in {existing.lower() for existing in cleaned}:
            cleaned.append(tag)
    return cleaned[:TAGS_MAX]


def unique_community_slug(name: str, community: Community | None = None) -> str:
    """A slug for `name` that no other community has, and never a reserved path."""
    base = slugify(name)[:SLUG_MAX_LENGTH].strip("-") or "communaute"
    others = Community.objects.all()
    if community is not None and community.pk:
        others = others.exclude(pk=community.pk)
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def store_cover(community: Community, image_file: UploadedFile) -> Any:
    """Keep an uploaded cover as a Wagtail image (as people's photos are kept), under a random
    file name: the cover is as private as the community (communities/views/covers.py), so the
    path of its files must not be guessable from the name it was uploaded with."""
    return store_uploaded_cover(community.name, image_file)


def create_community(
    *,
    user: User,
    name: str,
    description: str = "",
    visibility: str = Visibility.OPEN,
    tags: Iterable[str] = (),
    welcome_message: str = "",
    cover: UploadedFile | None = None,
) -> Community:
    """Any employee creates a community; they become its first animator."""
    if not may_create_community(user):
        raise NotAllowed(_("Only employees create communities."))
    name = clean_name(name)
    fields = {
        "description": clean_description(description),
        "visibility": clean_visibility(visibility),
        "welcome_message": clean_welcome(welcome_message),
    }
    for _attempt in range(3):  # two people naming a community alike at the same instant
        try:
            with transaction.atomic():
                community = Community.objects.create(
                    name=name, slug=unique_community_slug(name), created_by=user, **fields
                )
                Membership.objects.create(community=community, user=user, role=Role.ANIMATOR)
                community.tags.set(clean_tags(tags))
                if cover is not None:
                    community.cover = store_cover(community, cover)
                    community.cover_decorative = True  # titled by the name beside it
                    community.save(update_fields=["cover", "cover_decorative"])
        except IntegrityError:
            continue
        return community
    raise Invalid(_("This name is taken; try another one."))


def update_community(
    *,
    user: User,
    community: Community,
    name: str | None = None,
    description: str | None = None,
    visibility: str | None = None,
    tags: Iterable[str] | None = None,
    welcome_message: str | None = None,
    cover: UploadedFile | None = None,
) -> Community:
    """Animators (and administrators) change what they give; the slug stays, so links hold."""
    if not can_see(user, community):
        raise NotFound(_("This community does not exist."))
    if not can_animate(user, community):
        raise NotAllowed(_("Only the community's animators change it."))
    changed: list[str] = []
    if name is not None:
        community.name = clean_name(name)
        changed.append("name")
    if description is not None:
        community.description = clean_description(description)
        changed.append("description")
    was = Community.objects.filter(pk=community.pk).values_list("visibility", flat=True).first()
    if visibility is not None:
        community.visibility = clean_visibility(visibility)
        changed.append("visibility")
    if welcome_message is not None:
        community.welcome_message = clean_welcome(welcome_message)
        changed.append("welcome_message")
    with transaction.atomic():
        if cover is not None:
            community.cover = store_cover(community, cover)
            community.cover_decorative = True  # titled by the name beside it
            changed += ["cover", "cover_decorative"]
        if changed:
            community.save(update_fields=changed)
        if tags is not None:
            community.tags.set(clean_tags(tags))
            request_reindex("community", [community.pk])
        if was != community.visibility:
            reindex_contents(community)
    return community


def reindex_contents(community: Community) -> None:
    """Search follows who may now see the community, its posts and its events."""
    request_reindex("community", [community.pk])
    request_reindex("post", Post.objects.filter(community=community).values_list("pk", flat=True))
    request_reindex(
        "event", community.events.values_list("pk", flat=True)
    )
