"""`{% follow_state target as state %}`: what the follow button needs, with no query per
button (what the reader follows is read once per request, `follows_of`)."""

from __future__ import annotations

from django import template

from communities.models import Community
from communities.selectors.follows import FollowSet, follows_of
from communities.services.follows import normalise_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, target) -> dict:
    """{field, value, label, following} of a Community, a User or a tag string."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    follows = follows_of(user) if user is not None else FollowSet()
    if isinstance(target, Community):
        return {
            "field": "community",
            "value": target.slug,
            "label": target.name,
            "following": target.pk in follows.community_ids,
        }
    if isinstance(target, str):
        tag = normalise_tag(target)
        return {"field": "tag", "value": tag, "label": f"#{tag}", "following": tag in follows.tags}
    return {
        "field": "person",
        "value": target.get_username(),
        "label": target.get_full_name() or target.get_username(),
        "following": target.pk in follows.person_ids,
        "self": user is not None and target.pk == user.pk,
    }
