"""Who hears about an event and what they read; used by `ideas.tasks`.

Messages never name an idea's author: an anonymous idea must stay anonymous in email too.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ideas.models import Comment, Follow, Idea, Notification, StatusChange, Vote
from ideas.selectors import users_in_audience


def _followers(idea: Idea) -> set[int]:
    return set(Follow.objects.filter(idea=idea).values_list("user_id", flat=True)) | set(
        Follow.objects.filter(challenge_id=idea.challenge_id).values_list("user_id", flat=True)
    )


def _authors(idea: Idea) -> set[int]:
    return {idea.author_id, *idea.co_authors.values_list("pk", flat=True)}


def recipients_and_message(event: str, idea: Idea) -> tuple[set[int], str]:
    what, _sep, ident = event.partition(":")
    title = idea.title
    challenge = idea.challenge.title
    if what == "idea-submitted":
        recipients = {idea.challenge.challenge_owner_id} | set(
            Follow.objects.filter(challenge_id=idea.challenge_id).values_list("user_id", flat=True)
        )
        return recipients, _("New idea in “%(challenge)s”: %(title)s") % {
            "challenge": challenge,
            "title": title,
        }
    if what == "answer":
        change = StatusChange.objects.filter(pk=ident).first()
        voters = set(Vote.objects.filter(idea=idea).values_list("user_id", flat=True))
        recipients = _authors(idea) | voters | _followers(idea)
        status = change.get_to_status_display() if change else idea.get_status_display()
        return recipients, _("The idea “%(title)s” is now: %(status)s") % {
            "title": title,
            "status": status,
        }
    if what == "comment":
        comment = Comment.objects.filter(pk=ident).select_related("author", "parent").first()
        recipients = set(Follow.objects.filter(idea=idea).values_list("user_id", flat=True))
        if comment and comment.parent_id:
            recipients.add(comment.parent.author_id)
        name = comment.author.get_full_name() if comment else ""
        return recipients, _("%(name)s commented on the idea “%(title)s”") % {
            "name": name or _("Someone"),
            "title": title,
        }
    if what == "merged":
        sources = Idea.objects.filter(merged_into=idea)
        recipients = set(sources.values_list("author_id", flat=True)) | _followers(idea)
        return recipients, _("Similar ideas were merged into “%(title)s”") % {"title": title}
    return set(), ""


def deliver(event: str, idea_id: int, actor_id: int | None) -> int:
    """Store one notice per recipient and event, email those not emailed yet; idempotent."""
    idea = Idea.objects.select_related("challenge").filter(pk=idea_id).first()
    if idea is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        recipients, message = recipients_and_message(event, idea)
    recipients.discard(actor_id)
    recipients = users_in_audience(idea.challenge, recipients)
    if not recipients or not message:
        return 0
    url = idea.get_absolute_url()
    Notification.objects.bulk_create(
        [
            Notification(recipient_id=pk, event=event, idea=idea, message=message[:400], url=url)
            for pk in sorted(recipients)
        ],
        ignore_conflicts=True,
    )
    sent = 0
    with transaction.atomic():
        pending = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(event=event, recipient_id__in=recipients, emailed_at__isnull=True)
            .select_related("recipient")
        )
        for notice in pending:
            if notice.recipient.email:
                send_mail(
                    subject=f"[Ruche] {notice.message}"[:200],
                    message=f"{notice.message}\n\n{settings.WAGTAILADMIN_BASE_URL}{url}\n",
                    from_email=None,
                    recipient_list=[notice.recipient.email],
                )
                sent += 1
            notice.emailed_at = timezone.now()
            notice.save(update_fields=["emailed_at"])
    return sent
