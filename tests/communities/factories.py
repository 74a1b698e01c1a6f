"""Builders for the communities tests: communities with members, posts, polls and events.

People come from tests/people/factories.py.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agenda.models import Event
from communities.models import (
    Community,
    JoinRequest,
    Membership,
    Poll,
    PollChoice,
    Post,
    Role,
    Visibility,
)
from core.models import ExternalKey
from tests.people.factories import person

_numbers = itertools.count(1)


def community(
    *,
    name: str = "Cuisine du monde",
    visibility: str = Visibility.OPEN,
    members=(),
    animators=(),
    **fields,
) -> Community:
    """A community with these members and animators (users)."""
    number = next(_numbers)
    made = Community.objects.create(
        name=name, slug=fields.pop("slug", f"communaute-{number}"), visibility=visibility, **fields
    )
    for user in members:
        join(made, user)
    for user in animators:
        join(made, user, role=Role.ANIMATOR)
    return made


def join(target: Community, user, *, role: str = Role.MEMBER) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        community=target, user=user, defaults={"role": role}
    )
    return membership


def post(target: Community, *, author=None, body: str = "<p>Bonjour à tous</p>", **fields) -> Post:
    """A published post (or `kind="question"`) by `author`, a member made on the spot."""
    if author is None:
        author = person()
        join(target, author)
    if fields.get("publish_at") is None or fields["publish_at"] <= timezone.now():
        fields.setdefault("announced_at", timezone.now())  # published now: already announced
    return Post.objects.create(community=target, author=author, body=body, **fields)


def poll(on: Post, *, answers=("Oui", "Non"), question: str = "On y va ?", **fields) -> Poll:
    made = Poll.objects.create(post=on, question=question, **fields)
    for position, label in enumerate(answers):
        PollChoice.objects.create(poll=made, label=label, position=position)
    return made


def event(target=None, *, in_days: float = 7, hours: float = 2, **fields):
    """An event of `target` (a community, a challenge, or None: for everyone) starting in
    `in_days` days (negative: past), lasting `hours`."""
    starts = timezone.now() + timedelta(days=in_days)
    return Event.objects.create(
        host=target,
        title=fields.pop("title", "Atelier pâtisserie"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        **fields,
    )


def community_key(target: Community, key: str) -> None:
    """Make `target` findable as the imported `community` of that key (DESIGN.md §2)."""
    ExternalKey.objects.create(
        kind="community",
        key=key,
        content_type=ContentType.objects.get_for_model(Community),
        object_id=str(target.pk),
    )


def question(target: Community, **fields) -> Post:
    """A published question (title required)."""
    return post(
        target, kind="question", title=fields.pop("title", "Qui connaît Django ?"), **fields
    )


def join_request(target: Community, user, *, message: str = "") -> JoinRequest:
    """A pending request of `user` to join `target` (a closed community)."""
    return JoinRequest.objects.create(community=target, user=user, message=message)


def signed_in(client, user, *, language: str = "en"):
    """The test client signed in as `user`, reading pages in `language`."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client
