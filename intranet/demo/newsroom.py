"""The demo newsroom: about 25 news items over the twelve weeks (some in English, one pair of
translations), leadership updates by the chief executive with questions from employees (some
answered in the open, some still open, all upvoted), and the life around them — reactions,
comments, must-reads acknowledged at various rates — and kudos for the company's values.

The pages go through the import format (`newsroom_rows`); the life around them is written
directly (`add_newsroom_life`), dated in the past, without the services' notifications: a
demo load must not send hundreds of emails, nor tell people today of what happened weeks ago.
Each piece is keyed by what it is about, so that a second load adds nothing.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from core.conversations.models import Comment, Reaction, ReactionKind
from core.conversations.services import conversation_for
from core.models import ExternalKey
from intranet.demo.calendar import DemoCalendar
from intranet.demo.newsroom_data import (
    COMMENTS,
    KUDOS,
    LEADERSHIP_COMMENTS,
    LEADERSHIP_UPDATES,
    NEWS,
    QUESTIONS,
    TEAM_KUDOS,
)
from news.models import (
    Acknowledgement,
    LeadershipUpdatePage,
    NewsPage,
    Question,
    QuestionStatus,
    QuestionVote,
)
from people.models import Kudos, OrganisationValue, Profile

LEADER_KEY = "demo-p-sophie"
EXTRA_FIELDS = {"days", "cover", "must_read", "must_read_days", "translation"}
REACTION_WEIGHTS = [
    (ReactionKind.LIKE, 6),
    (ReactionKind.CELEBRATE, 2),
    (ReactionKind.INSIGHTFUL, 1),
    (ReactionKind.SUPPORT, 1),
]
TEAM_KUDOS_COUNT = 30
# Must-reads of the hand-written news (demo/news.jsonl), with the rate acknowledged.
WRITTEN_MUST_READS = {"demo-n-charte-securite": 70}


def _published(calendar: DemoCalendar, days: int) -> datetime:
    return calendar.days_ago(days, hour=9)


def newsroom_rows(calendar: DemoCalendar) -> list[dict[str, Any]]:
    """The `news` and `leadership_update` lines, dated relative to today."""
    rows: list[dict[str, Any]] = []
    for item in NEWS:
        row = {name: value for name, value in item.items() if name not in EXTRA_FIELDS}
        row["kind"] = "news"
        row["published_at"] = _published(calendar, item["days"]).isoformat()
        if "must_read" in item:
            due = calendar.today + timedelta(days=item["must_read_days"] - item["days"])
            row["must_read_by"] = due.isoformat()
        rows.append(row)
    for item in LEADERSHIP_UPDATES:
        row = {name: value for name, value in item.items() if name not in EXTRA_FIELDS}
        row.update(kind="leadership_update", author=LEADER_KEY, language="fr")
        row["published_at"] = _published(calendar, item["days"]).isoformat()
        rows.append(row)
    return rows


def cover_keys() -> list[str]:
    """The generated news that get a drawn cover (intranet/demo_images.py)."""
    return [item["key"] for item in NEWS if item.get("cover")]


def must_read_rates() -> dict[str, int]:
    """Percentage of employees who acknowledged each generated must-read."""
    rates = {item["key"]: item["must_read"] for item in NEWS if "must_read" in item}
    return {**WRITTEN_MUST_READS, **rates}


class _People:
    """The active employees (guests apart), read once, and the profiles of person keys."""

    def __init__(self) -> None:
        self.users = list(
            User.objects.filter(
                is_active=True, profile__is_guest=False, profile__deactivated_at__isnull=True
            ).order_by("pk")
        )
        self.by_key = {
            key: int(object_id)
            for key, object_id in ExternalKey.objects.filter(kind="person").values_list(
                "key", "object_id"
            )
        }
        self.profiles = {
            profile.pk: profile
            for profile in Profile.objects.filter(pk__in=self.by_key.values()).select_related(
                "user"
            )
        }

    def profile(self, key: str) -> Profile | None:
        return self.profiles.get(self.by_key.get(key, -1))

    def user(self, key: str) -> User | None:
        profile = self.profile(key)
        return profile.user if profile else None


def _pages(model, keys: list[str], kind: str) -> list[Any]:
    ids = ExternalKey.objects.filter(kind=kind, key__in=keys).values_list("object_id", flat=True)
    return list(model.objects.filter(pk__in=[int(pk) for pk in ids]).order_by("pk"))


def _moment_after(chance: random.Random, start: datetime, *, within_days: float) -> datetime:
    """A moment between `start` and now (at most `within_days` after `start`)."""
    span = min((timezone.now() - start).total_seconds(), within_days * 86400)
    return start + timedelta(seconds=chance.uniform(0, max(span, 60)))


def _add_reactions_and_comments(page, people: _People, chance: random.Random) -> bool:
    conversation = conversation_for(page)
    if conversation.reactions.exists() or conversation.comments.exists():
        return False
    start = page.first_published_at or timezone.now()
    age_days = max((timezone.now() - start).days, 1)
    readers = chance.sample(people.users, k=min(len(people.users), chance.randint(12, 70)))
    kinds, weights = zip(*REACTION_WEIGHTS, strict=True)
    reactions = []
    for reader in readers:
        kind = chance.choices(kinds, weights)[0]
        reactions.append(
            Reaction(
                conversation=conversation,
                user=reader,
                kind=kind,
                created_at=_moment_after(chance, start, within_days=min(age_days, 5)),
            )
        )
    Reaction.objects.bulk_create(reactions)
    pool = LEADERSHIP_COMMENTS if isinstance(page, LeadershipUpdatePage) else COMMENTS
    authors = chance.sample(people.users, k=chance.randint(1, 5))
    Comment.objects.bulk_create(
        [
            Comment(
                conversation=conversation,
                author=author,
                body=chance.choice(pool),
                created_at=_moment_after(chance, start, within_days=min(age_days, 4)),
            )
            for author in authors
        ]
    )
    return True


def _acknowledge(page: NewsPage, rate: int, people: _People, chance: random.Random) -> bool:
    if page.acknowledgements.exists():
        return False
    readers = chance.sample(people.users, k=round(len(people.users) * rate / 100))
    rows = Acknowledgement.objects.bulk_create(
        [Acknowledgement(page=page, user=reader) for reader in readers]
    )
    start = page.first_published_at or timezone.now()
    for row in rows:
        row.acknowledged_at = _moment_after(chance, start, within_days=10)
    Acknowledgement.objects.bulk_update(rows, ["acknowledged_at"])
    return True


def _add_questions(people: _People, calendar: DemoCalendar, chance: random.Random) -> int:
    updates = {
        key: int(object_id)
        for key, object_id in ExternalKey.objects.filter(kind="leadership_update").values_list(
            "key", "object_id"
        )
    }
    leader = people.profile(LEADER_KEY)
    added = 0
    for update_key, asker_key, body, answer, days in QUESTIONS:
        asker = people.user(asker_key)
        if asker is None or Question.objects.filter(author=asker, body=body).exists():
            continue
        asked_at = calendar.days_ago(days, hour=chance.randint(8, 18))
        question = Question.objects.create(
            author=asker, body=body, update_id=updates.get(update_key)
        )
        voters = chance.sample(people.users, k=chance.randint(4, 45))
        QuestionVote.objects.bulk_create(
            [QuestionVote(question=question, user=voter) for voter in voters if voter != asker]
        )
        fields: dict[str, Any] = {
            "created_at": asked_at,
            "vote_count": QuestionVote.objects.filter(question=question).count(),
        }
        if answer is not None:
            fields.update(
                answer=answer,
                answered_by=leader,
                answered_at=min(asked_at + timedelta(days=chance.randint(1, 4)), timezone.now()),
                status=QuestionStatus.ANSWERED,
            )
        Question.objects.filter(pk=question.pk).update(**fields)
        added += 1
    return added


def _add_kudos(people: _People, calendar: DemoCalendar) -> int:
    """The thank-yous, drawn from the calendar's own generator before anything is looked up,
    so that every load draws the same ones (a second load finds them all)."""
    chance = calendar.rng
    values = list(OrganisationValue.objects.filter(active=True).order_by("sort_order", "pk"))
    if not values:
        return 0
    by_team: dict[int | None, list[Profile]] = {}
    for profile in Profile.objects.active().select_related("user").order_by("pk"):
        by_team.setdefault(profile.team_id, []).append(profile)
    wishes = [(key, message) for key, message in KUDOS]
    keys = sorted(people.by_key)
    for _number in range(TEAM_KUDOS_COUNT):
        wishes.append((chance.choice(keys), chance.choice(TEAM_KUDOS)))
    added = 0
    for sender_key, message in wishes:
        sender = people.profile(sender_key)
        if sender is None or not sender.is_active:
            continue
        colleagues = [p for p in by_team.get(sender.team_id, []) if p.pk != sender.pk]
        recipient = chance.choice(colleagues) if colleagues else None
        value = chance.choice(values)
        moment = calendar.random_moment()
        if recipient is None or Kudos.objects.filter(sender=sender.user, message=message).exists():
            continue
        kudos = Kudos(sender=sender.user, recipient=recipient, value=value, message=message)
        kudos.full_clean()
        kudos.save()
        Kudos.objects.filter(pk=kudos.pk).update(created_at=moment)
        added += 1
    return added


def add_newsroom_life(calendar: DemoCalendar) -> list[str]:
    """Reactions, comments, acknowledgements, questions and kudos; returns lines saying what
    was added (none on a second load)."""
    # One generator per piece: what a second load skips never shifts the draws of another.
    people = _People()
    done: list[str] = []
    news = list(NewsPage.objects.live().order_by("first_published_at", "pk"))
    updates = list(LeadershipUpdatePage.objects.live().order_by("first_published_at", "pk"))
    lively = sum(
        _add_reactions_and_comments(page, people, calendar.for_part(f"reactions:{page.pk}").rng)
        for page in news + updates
    )
    if lively:
        done.append(f"reactions and comments on {lively} news items and updates")
    rates = must_read_rates()
    for page in _pages(NewsPage, list(rates), "news"):
        key = ExternalKey.objects.filter(kind="news", object_id=str(page.pk)).first()
        readers = calendar.for_part(f"acknowledgements:{page.pk}").rng
        if key is not None and _acknowledge(page, rates[key.key], people, readers):
            done.append(f"{rates[key.key]} % of employees acknowledged '{page.title}'")
    asked = _add_questions(people, calendar, calendar.for_part("questions").rng)
    if asked:
        done.append(f"{asked} questions to leadership")
    thanked = _add_kudos(people, calendar.for_part("kudos"))
    if thanked:
        done.append(f"{thanked} kudos")
    return done
