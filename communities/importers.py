"""Import kind `community` (DESIGN.md §2): `name`, [`description`], [`visibility`],
[`members`: person keys], [`animators`: person keys], [`tags`].

Idempotent by key: importing a line again updates the community (its slug stays, so links
hold) and adds the people it lists; members who joined in Ruche since are kept. A person
listed in both lists is an animator.
"""

from __future__ import annotations

from typing import Any

from communities.models import Community, Membership, Role, Visibility
from communities.services.communities import (
    NAME_MAX_LENGTH,
    clean_tags,
    reindex_contents,
    unique_community_slug,
)
from core.importing import ImportKind, register
from core.importing.images import image_from_row, set_cover
from core.richtext import plain_text
from core.text import DESCRIPTION_MAX_LENGTH


@register
class CommunityKind(ImportKind):
    kind = "community"
    required = ("name",)
    references = {"members": "person", "animators": "person"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Community, bool]:
        name = self.text(row, "name", required=True, max_length=NAME_MAX_LENGTH, title=True)
        description = plain_text(self.text(row, "description", max_length=DESCRIPTION_MAX_LENGTH))
        visibility = self.choice(row, "visibility", list(Visibility.values), Visibility.OPEN)
        tags = clean_tags(self.string_list(row, "tags"))
        animators = [ctx.resolve("person", key).user for key in self.string_list(row, "animators")]
        animator_ids = {user.pk for user in animators}
        members = [
            profile.user
            for profile in (ctx.resolve("person", key) for key in self.string_list(row, "members"))
            if profile.user_id not in animator_ids
        ]

        community = ctx.find("community", row["key"])
        created = community is None
        if community is None:
            community = Community(slug=unique_community_slug(name))
        was = None if created else community.visibility
        community.name, community.description = name, description
        community.visibility = visibility
        cover = image_from_row(row, name, ctx.base_dir, current=community.cover, private=True)
        set_cover(community, cover, field="cover")
        community.full_clean(exclude=["cover", "created_by"])
        community.save()
        community.tags.set(tags)
        for user in members:
            Membership.objects.get_or_create(community=community, user=user)
        for user in animators:
            Membership.objects.update_or_create(
                community=community, user=user, defaults={"role": Role.ANIMATOR}
            )
        if was is not None and was != visibility:
            reindex_contents(community)
        return community, created
