"""Import kinds `challenge` and `idea` (DESIGN.md §2).

Imported ideas are history: their votes are not held to today's phase or budget, but one
vote per person still holds. Voters listed for an idea are added (votes cast in Ruche since
are kept); comments are matched by their position in the list, so a re-import updates them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from core.conversations.models import Comment
from core.conversations.services import conversation_for
from core.importing import ImportKind, ImportRowError, register
from core.importing.dates import parse_moment
from core.importing.images import image_from_row, set_cover
from core.pages import site_home, unique_slug
from core.richtext import text_to_html
from core.text import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from ideas.models import ChallengePage, Idea, IdeasHubPage, Status, StatusChange, Vote

HUB_SLUG = "idees"
ANSWERED = [value for value in Status.values if value != Status.SUBMITTED]
ANSWER_REF = "answer"


def person_user(ctx, key: Any):
    return ctx.resolve("person", key).user


def ideas_hub() -> IdeasHubPage:
    """The hub page, created under the home page the first time it is needed."""
    hub = IdeasHubPage.objects.first()
    if hub is not None:
        return hub
    home = site_home()
    if home is None:
        raise ImportRowError("there is no home page yet: run `manage.py migrate`")
    hub = IdeasHubPage(title="Idées", slug=unique_slug(home, HUB_SLUG, None))
    home.add_child(instance=hub)
    hub.save_revision().publish()
    return hub


@register
class ChallengeKind(ImportKind):
    kind = "challenge"
    required = ("title", "description", "owner", "opens_at", "closes_at")
    references = {"owner": "person", "audience": "team"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[ChallengePage, bool]:
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        description = text_to_html(
            self.text(row, "description", required=True, max_length=DESCRIPTION_MAX_LENGTH)
        )
        owner = person_user(ctx, row["owner"])
        opens_at = parse_moment(row, "opens_at", required=True)
        closes_at = parse_moment(row, "closes_at", required=True)
        voting_opens_at = parse_moment(row, "voting_opens_at")
        review_opens_at = parse_moment(row, "review_opens_at")
        audience_keys = self.string_list(row, "audience")
        teams = [ctx.resolve("team", key) for key in audience_keys]
        tags = self.string_list(row, "tags")
        votes_per_person = row.get("votes_per_person")
        if votes_per_person is not None and (
            not isinstance(votes_per_person, int) or votes_per_person < 1
        ):
            raise ImportRowError("field 'votes_per_person' must be a positive whole number")

        page = ctx.find("challenge", row["key"])
        created = page is None
        hub = ideas_hub()
        if created:
            page = ChallengePage(title=title, slug=unique_slug(hub, title, None))
        page.title = title
        page.description = description
        page.challenge_owner = owner
        page.opens_at, page.closes_at = opens_at, closes_at
        page.voting_opens_at, page.review_opens_at = voting_opens_at, review_opens_at
        page.votes_per_person = votes_per_person
        set_cover(page, image_from_row(row, title, ctx.base_dir, current=page.cover_image))
        for flag in ("votes_can_be_withdrawn", "allow_anonymous_ideas"):
            if flag in row:
                if not isinstance(row[flag], bool):
                    raise ImportRowError(f"field '{flag}' must be true or false")
                setattr(page, flag, row[flag])
        page.clean()
        if created:
            hub.add_child(instance=page)
        page.slug = unique_slug(hub, slugify(title) or "defi", page)
        page.audience.set(teams)
        page.tags.set(tags)
        page.save_revision(log_action=True).publish()
        return ChallengePage.objects.get(pk=page.pk), created


@register
class IdeaKind(ImportKind):
    kind = "idea"
    required = ("challenge", "title", "description", "author")
    references = {"challenge": "challenge", "author": "person", "voters": "person"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Idea, bool]:
        challenge = ctx.resolve("challenge", row["challenge"])
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        description = text_to_html(
            self.text(row, "description", required=True, max_length=DESCRIPTION_MAX_LENGTH)
        )
        author = person_user(ctx, row["author"])
        created_at = parse_moment(row, "created_at")
        tags = self.string_list(row, "tags")
        answer = self._answer(row, ctx)
        default_status = answer["status"] if answer else Status.SUBMITTED
        status = self.choice(row, "status", list(Status.values), default_status)
        if answer and answer["status"] != status:
            raise ImportRowError(
                f"answer: status '{answer['status']}' differs from the idea's status '{status}'"
            )
        voters = [person_user(ctx, key) for key in self.string_list(row, "voters")]
        comments = self._comments(row, ctx)
        anonymous = row.get("anonymous", False)
        if not isinstance(anonymous, bool):
            raise ImportRowError("field 'anonymous' must be true or false")

        idea = ctx.find("idea", row["key"])
        created = idea is None
        if answer and answer["at"] < (created_at or getattr(idea, "created_at", answer["at"])):
            raise ImportRowError("answer: 'at' is before the idea was submitted")
        if idea is not None and idea.anonymous:
            # Anonymity is for good: a later file never names the author of an anonymous idea.
            if row.get("anonymous") is False:
                raise ImportRowError("an anonymous idea cannot be made public")
            anonymous = True
        idea = idea or Idea(created_at=created_at or timezone.now())
        idea.challenge = challenge
        idea.title, idea.description, idea.author = title, description, author
        idea.created_at = created_at or idea.created_at
        idea.status, idea.anonymous = status, anonymous
        idea.save()
        idea.tags.set(tags)
        if answer is None and status != Status.SUBMITTED:
            # A file from before `answer` existed stays valid: its decision still enters the
            # history (no message, no author), so the page and the statistics agree.
            answer = {"status": status, "message": "", "by": None, "at": idea.created_at}
        self._store_answer(idea, answer)

        Vote.objects.bulk_create(
            [Vote(idea=idea, user=user, challenge=challenge) for user in voters],
            ignore_conflicts=True,
        )
        Vote.objects.filter(idea=idea).exclude(challenge=challenge).update(challenge=challenge)
        conversation = conversation_for(idea)
        for position, (comment_author, body, at) in enumerate(comments):
            fields = {"author": comment_author, "body": body}
            Comment.objects.update_or_create(
                conversation=conversation,
                import_ref=str(position),
                defaults={**fields, **({"created_at": at} if at else {})},
                create_defaults={**fields, "created_at": at or timezone.now()},
            )
        Comment.objects.filter(conversation=conversation).exclude(import_ref="").exclude(
            import_ref__in=[str(n) for n in range(len(comments))]
        ).delete()
        Idea.objects.filter(pk=idea.pk).update(
            vote_count=Vote.objects.filter(idea=idea).count(),
            comment_count=Comment.objects.filter(
                conversation=conversation, hidden_at__isnull=True
            ).count(),
        )
        idea.refresh_from_db()
        return idea, created

    def _answer(self, row: dict[str, Any], ctx) -> dict[str, Any] | None:
        """The line's `answer` (DESIGN.md §2: `{status, message, by, at}`), checked, or None."""
        value = row.get("answer")
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ImportRowError("field 'answer' must be an object {status, message, by, at}")
        try:
            for field in ("status", "message", "by", "at"):
                if value.get(field) in (None, "") or (
                    isinstance(value.get(field), str) and not value[field].strip()
                ):
                    raise ImportRowError(f"missing field '{field}'")
            status = self.choice(value, "status", ANSWERED, "")
            message = text_to_html(self.text(value, "message", required=True))
            by = person_user(ctx, value["by"])
            at = parse_moment(value, "at", required=True)
        except ImportRowError as error:
            raise ImportRowError(f"answer: {error}") from error
        return {"status": status, "message": message, "by": by, "at": at}

    def _store_answer(self, idea: Idea, answer: dict[str, Any] | None) -> None:
        """The answer becomes the idea's first status change (submitted → its status), which
        the idea page, the API, the digests and the statistics all read; a re-import updates
        it, and a line without an answer removes the one an earlier import made."""
        if answer is None:
            StatusChange.objects.filter(idea=idea, import_ref=ANSWER_REF).delete()
            return
        change, _created = StatusChange.objects.update_or_create(
            idea=idea,
            import_ref=ANSWER_REF,
            defaults={
                "from_status": Status.SUBMITTED,
                "to_status": answer["status"],
                "message": answer["message"],
                "author": answer["by"],
            },
        )
        # `created_at` is set on creation by the model: the imported moment replaces it.
        StatusChange.objects.filter(pk=change.pk).update(created_at=answer["at"])

    def _comments(self, row: dict[str, Any], ctx) -> list[tuple[Any, str, datetime | None]]:
        value = row.get("comments") or []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ImportRowError("field 'comments' must be a list of objects")
        cleaned = []
        for number, item in enumerate(value, start=1):
            author_key = item.get("author")
            if not author_key:
                raise ImportRowError(f"comment {number}: missing field 'author'")
            body = item.get("body")
            if not isinstance(body, str) or not body.strip():
                raise ImportRowError(f"comment {number}: missing field 'body'")
            if len(body.strip()) > COMMENT_MAX_LENGTH:
                raise ImportRowError(
                    f"comment {number}: field 'body' is too long: {len(body.strip())} "
                    f"characters, {COMMENT_MAX_LENGTH} at most"
                )
            try:
                at = parse_moment(item, "created_at")
            except ImportRowError as error:
                raise ImportRowError(f"comment {number}: {error}") from error
            cleaned.append((person_user(ctx, author_key), text_to_html(body.strip()), at))
        return cleaned
