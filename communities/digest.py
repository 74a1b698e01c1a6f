"""The weekly animator digest: for each community a reader animates, its unanswered
questions, its new members of the week and its posts left without a reply for 3 days.

Registered from `CommunitiesConfig.ready()` (see `core.digests`). Only animators get it: the
run asks once who animates anything (`animator_readers`). It goes in the weekly digest, and
on Mondays in the daily one (so that animators who chose a daily digest get it weekly too);
people who chose the app only get no digest at all. The figures are counts, as of the end of
the digest's window:

- unanswered questions: published questions with no reply (hence no accepted answer);
- new members: people who joined in the 7 days before the end of the window;
- posts without a reply: posts (not questions) published 3 to 30 days before the end of the
  window that nobody has replied to.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count
from django.utils.translation import gettext_lazy, ngettext

from communities.models import Community, Membership, Post, PostKind, Role
from core.digests import LIMIT, DigestSection, Item, Window
from notifications.emails import absolute_url

WEEK = timedelta(days=7)
SILENT_FOR = timedelta(days=3)
SILENT_SINCE = timedelta(days=30)


def is_due(window: Window) -> bool:
    """Weekly digests, and daily ones of Mondays."""
    return window.kind == "weekly" or window.period.weekday() == 0


def animator_readers(window: Window) -> frozenset[int]:
    if not is_due(window):
        return frozenset()
    return frozenset(
        Membership.objects.filter(role=Role.ANIMATOR).values_list("user_id", flat=True)
    )


def _counts(queryset) -> dict[int, int]:
    return dict(
        queryset.values("community_id").annotate(n=Count("pk")).values_list("community_id", "n")
    )


def animation_figures(community_ids: list[int], window: Window) -> dict[int, dict[str, int]]:
    """{community id: {"questions", "members", "silent"}} in three queries."""
    end = window.end
    posts = Post.objects.filter(
        community_id__in=community_ids,
        hidden_at__isnull=True,
        publish_at__lt=end,
        comment_count=0,
    )
    questions = _counts(posts.filter(kind=PostKind.QUESTION, accepted_answer__isnull=True))
    silent = _counts(
        posts.filter(
            kind=PostKind.POST,
            publish_at__lte=end - SILENT_FOR,
            publish_at__gt=end - SILENT_SINCE,
        )
    )
    members = _counts(
        Membership.objects.filter(
            community_id__in=community_ids, joined_at__gte=end - WEEK, joined_at__lt=end
        )
    )
    figures: dict[int, dict[str, int]] = defaultdict(dict)
    for pk in community_ids:
        figures[pk] = {
            "questions": questions.get(pk, 0),
            "members": members.get(pk, 0),
            "silent": silent.get(pk, 0),
        }
    return figures


def _detail(figures: dict[str, int]) -> str:
    parts = [
        ngettext(
            "%(count)s unanswered question",
            "%(count)s unanswered questions",
            figures["questions"],
        )
        % {"count": figures["questions"]},
        ngettext(
            "%(count)s new member this week", "%(count)s new members this week", figures["members"]
        )
        % {"count": figures["members"]},
        ngettext(
            "%(count)s post without a reply for 3 days",
            "%(count)s posts without a reply for 3 days",
            figures["silent"],
        )
        % {"count": figures["silent"]},
    ]
    return " · ".join(parts)


def animation_items(user, window: Window) -> list[Item]:
    """One item per community this reader animates where something needs them."""
    if not is_due(window):
        return []
    animated = list(
        Community.objects.filter(memberships__user=user, memberships__role=Role.ANIMATOR).order_by(
            "name", "pk"
        )
    )
    figures = animation_figures([c.pk for c in animated], window)
    items = []
    for community in animated:
        counted = figures[community.pk]
        if any(counted.values()):
            items.append(
                Item(community.name, absolute_url(community.get_absolute_url()), _detail(counted))
            )
    return items[:LIMIT]


SECTIONS = (
    DigestSection(
        name="community-animation",
        order=50,
        heading=gettext_lazy("The communities you animate"),
        items=animation_items,
        readers=animator_readers,
    ),
)
