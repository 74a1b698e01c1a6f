"""A person's role in a community, asked once per request: a post page asks it for each of
its buttons (edit, pin, accept, moderate). The rules stay those of `access`."""

from __future__ import annotations

from typing import Any

from communities.models import Role
from communities.selectors.access import role_in


def role(user: Any, community: Any) -> str | None:
    """`member`, `animator` or None, asked once per person and community in a request (a
    page asks it for every button)."""
    if not getattr(user, "is_authenticated", False):
        return None
    roles: dict[int, str | None] = user.__dict__.setdefault("_ruche_community_roles", {})
    if community.pk not in roles:
        roles[community.pk] = role_in(user, community)
    return roles[community.pk]


def animates(user: Any, community: Any) -> bool:
    """Animators of the community and administrators (access.can_animate, asked once)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or role(user, community) == Role.ANIMATOR)
