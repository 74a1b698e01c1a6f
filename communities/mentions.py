"""Mentions in communities: `@person` and `@équipe:slug` (people.mentions) in posts and
comments notify the people named, at once, within who may read the post.

A person mentioned in an open community is told (every employee reads it); in a closed or
secret one only if they are a member. A team mention reaches the team's members who belong
to the community, whatever its visibility. Never the author; never anyone who may not read.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from communities.models import Membership, Post, Visibility
from people.mentions import Mentions, find_mentions, mention_recipients


def mentioned_readers(post: Post, text: str, author: Any) -> set[int]:
    """Who `text` (a post's or a comment's body) mentions and may read `post`."""
    mentions = find_mentions(text)
    if not mentions:
        return set()
    members = Membership.objects.filter(community_id=post.community_id).values("user_id")
    people_among = None if post.community.visibility == Visibility.OPEN else members
    people = mention_recipients(
        Mentions(user_ids=mentions.user_ids, team_ids=()), among=people_among, author=author
    )
    teams = mention_recipients(
        Mentions(user_ids=(), team_ids=mentions.team_ids), among=members, author=author
    )
    return people | teams


def mention_message(name: str, title: str) -> str:
    return _("%(name)s mentioned you in “%(title)s”") % {"name": name, "title": title}
