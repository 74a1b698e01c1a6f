"""Who hears about an idea event and what they read; used by `ideas.tasks`.

Notices go to the shared notification centre (`notifications.services.notify`), which emails
the immediate ones to whoever did not choose the app only. Comments are not immediate: they
wait for the reader's digest. Messages never name an idea's author: an anonymous idea must
stay anonymous in email too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from core.conversations.models import Comment
from ideas.models import CoAuthorInvitation, Follow, Idea, StatusChange, Vote
from ideas.selectors import users_in_audience
from notifications.services import notify

# Events whose notices wait for the digest instead of being emailed at once.
DIGEST_ONLY = {"comment"}


def _followers(idea: Idea) -> set[int]:
    return set(Follow.objects.filter(idea=idea).values_list("user_id", flat=True)) | set(
        Follow.objects.filter(challenge_id=idea.challenge_id).values_list("user_id", flat=True)
    )


def _authors(idea: Idea) -> set[int]:
    return {idea.author_id, *idea.co_authors.values_list("pk", flat=True)}


def recipients_and_message(event: str, idea: Idea) -> tuple[set[int], Callable[[], str] | None]:
    """The people an event concerns, and its message (rendered in each reader's language)."""
    what, _sep, ident = event.partition(":")
    title = idea.title
    challenge = idea.challenge.title
    if what == "idea-submitted":
        recipients = {idea.challenge.challenge_owner_id} | set(
            Follow.objects.filter(challenge_id=idea.challenge_id).values_list("user_id", flat=True)
        )
        return (
            recipients,
            lambda: (
                _("New idea in “%(challenge)s”: %(title)s")
                % {
                    "challenge": challenge,
                    "title": title,
                }
            ),
        )
    if what == "answer":
        change = StatusChange.objects.filter(pk=ident).first()
        voters = set(Vote.objects.filter(idea=idea).values_list("user_id", flat=True))
        recipients = _authors(idea) | voters | _followers(idea)

        def answered() -> str:
            status = change.get_to_status_display() if change else idea.get_status_display()
            return _("The idea “%(title)s” is now: %(status)s") % {"title": title, "status": status}

        return recipients, answered
    if what == "comment":
        comment = Comment.objects.filter(pk=ident).select_related("author", "parent").first()
        recipients = set(Follow.objects.filter(idea=idea).values_list("user_id", flat=True))
        if comment and comment.parent is not None:  # selected with the comment
            recipients.add(comment.parent.author_id)
        name = comment.author.get_full_name() if comment else ""
        return (
            recipients,
            lambda: (
                _("%(name)s commented on the idea “%(title)s”")
                % {
                    "name": name or _("Someone"),
                    "title": title,
                }
            ),
        )
    if what == "co-author-invited":
        person_id = int(ident.rpartition("-")[2])
        invitation = (
            CoAuthorInvitation.objects.filter(
                idea=idea, person_id=person_id, status=CoAuthorInvitation.State.PENDING
            )
            .select_related("invited_by")
            .first()
        )
        if invitation is None:  # answered (or gone) before the notice went out
            return set(), None
        inviter = invitation.invited_by
        name = (inviter.get_full_name() or inviter.get_username()) if inviter else ""
        if idea.anonymous or not name or inviter is None or inviter.pk != idea.author_id:
            # Never the author of an anonymous idea; a merge's invitation comes from the idea.
            return (
                {person_id},
                lambda: (
                    _("You are invited to co-author the idea “%(title)s”: accept or decline it")
                    % {"title": title}
                ),
            )
        return (
            {person_id},
            lambda: (
                _("%(name)s invites you to co-author the idea “%(title)s”: accept or decline it")
                % {"name": name, "title": title}
            ),
        )
    if what == "merged":
        sources = Idea.objects.filter(merged_into=idea)
        recipients = set(sources.values_list("author_id", flat=True)) | _followers(idea)
        return (
            recipients,
            lambda: _("Similar ideas were merged into “%(title)s”") % {"title": title},
        )
    return set(), None


def deliver(event: str, idea_id: int, actor_id: int | None) -> int:
    """Post one notice per recipient and event to the centre; idempotent (the notice's key)."""
    idea = Idea.objects.select_related("challenge").filter(pk=idea_id).first()
    if idea is None:
        return 0
    recipients, message = recipients_and_message(event, idea)
    recipients -= {actor_id}
    recipients = users_in_audience(idea.challenge, recipients)
    if not recipients or message is None:
        return 0
    return notify(
        recipient_ids=recipients,
        key=f"ideas:{event}",
        kind="ideas",
        message=message,
        url=idea.get_absolute_url(),
        immediate=event.partition(":")[0] not in DIGEST_ONLY,
        target=("ideas.idea", idea.pk),
    )
