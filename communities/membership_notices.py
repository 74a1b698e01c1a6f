"""What a person reads when their request to join is answered, or an animator adds them.

Notices go to the notification centre (`notifications.services.notify`); their key names the
event, so a re-run never posts twice. A refusal is worded neutrally and names no animator.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from communities.models import Community
from communities.selectors.access import communities_visible_to
from notifications.services import notify

TARGET_KIND = "communities.community"


def community_ids_visible_to(user: Any, ids: set[int]) -> set[int]:
    """The communities among `ids` this reader may still know of (notification targets)."""
    return set(communities_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def deliver(event: str, community_id: int, user_id: int) -> int:
    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        return 0
    what = event.partition(":")[0]
    name = community.name
    if what == "request-accepted":

        def message() -> str:
            return _("Your request to join “%(name)s” was accepted: welcome!") % {"name": name}

    elif what == "request-refused":

        def message() -> str:
            return _("Your request to join “%(name)s” was not accepted.") % {"name": name}

    elif what == "added":

        def message() -> str:
            return _("You were added to the community “%(name)s”.") % {"name": name}

    else:
        return 0
    return notify(
        recipient_ids={user_id},
        key=f"communities:{event}",
        kind="communities",
        message=message,
        # Those let in read the welcome message when they follow the notice.
        url=community.get_absolute_url() + ("" if what == "request-refused" else "?welcome=1"),
        target=(TARGET_KIND, community.pk),
    )
