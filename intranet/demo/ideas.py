"""The demo's ideas hub: challenges in every phase, ideas at every status with their owner's
answers, votes and comments from many people, and workshops with their participants.

Everything goes through the ideas services (`submit_idea`, `cast_vote`, `add_comment`,
`answer_idea`, `plan_challenge_event`, the agenda's `rsvp`), each given the moment it
happened in the demo's twelve weeks, so that counters, follows and the answer history are
the ones Ruche keeps; only the timestamps the services take from the clock (a vote's, a status
change's) are moved back to that moment afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ReferenceIndex

from agenda.models import RSVP, Event
from agenda.services.events import EventDetails, write_report
from agenda.services.rsvp import rsvp
from core.pages import unique_slug
from core.richtext import text_to_html
from ideas.importers import ideas_hub
from ideas.models import ChallengePage, Idea, Status, StatusChange, Vote
from ideas.services import add_comment, answer_idea, cast_vote, plan_challenge_event, submit_idea
from intranet.demo.activity_cast import (
    CHALLENGE_OWNER,
    EDITOR,
    EMPLOYEE,
    MANAGER,
    Cast,
    keep_key,
    mark_part_done,
    part_done,
)
from intranet.demo.activity_texts import (
    CHALLENGES,
    COMMENTS,
    IMPLEMENTED,
    PRINTER_COMMENTS,
    REJECTED,
    REMOTE_COMMENTS,
    SELECTED,
    UNDER_REVIEW,
    ChallengePlan,
)
from intranet.demo.calendar import DemoCalendar

PART = "ideas"
# How much of the organisation supports a popular idea, and the most votes one idea gets.
VOTING_SHARE = 0.3
MAX_VOTERS = 14


@dataclass
class IdeasReport:
    challenges: int = 0
    ideas: int = 0
    votes: int = 0
    comments: int = 0
    answers: int = 0
    workshops: int = 0
    participants: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        statuses = ", ".join(
            f"{count} {status}" for status, count in sorted(self.by_status.items())
        )
        return [
            f"{self.challenges} challenges in every phase, {self.ideas} ideas ({statuses})",
            f"{self.votes} votes, {self.comments} comments, {self.answers} owner answers",
            f"{self.workshops} workshops with {self.participants} participants",
        ]


def add_demo_ideas(calendar: DemoCalendar, cast: Cast) -> list[str]:
    """Generate the ideas hub's twelve weeks (once: a second run adds nothing)."""
    if part_done(PART) or not cast.people:
        return []
    dice = calendar.for_part(PART)
    report = IdeasReport()
    with transaction.atomic():
        hub = ideas_hub()
        challenges = [_challenge(hub, plan, calendar, cast) for plan in CHALLENGES]
        report.challenges = len(challenges)
        for plan, challenge in zip(CHALLENGES, challenges, strict=True):
            _story(plan, challenge, dice, cast, report)
        _signals_in_writing(challenges, dice, cast, report)
        _workshops(challenges, dice, cast, report)
        mark_part_done(PART, challenges[0])
    return report.lines()


def _challenge(hub, plan: ChallengePlan, calendar: DemoCalendar, cast: Cast) -> ChallengePage:
    def day(offset: int | None) -> datetime | None:
        return None if offset is None else calendar.days_ago(-offset, hour=9)

    page = ChallengePage(
        title=plan.title,
        slug=unique_slug(hub, slugify(plan.title) or "defi", None),
        challenge_owner=cast.role(CHALLENGE_OWNER),
        description=text_to_html(plan.description),
        opens_at=calendar.days_ago(-plan.opens, hour=9),
        voting_opens_at=day(plan.voting),
        review_opens_at=day(plan.review),
        closes_at=calendar.days_ago(-plan.closes, hour=9),
        allow_anonymous_ideas=plan.anonymous_ideas,
    )
    page.clean()
    hub.add_child(instance=page)
    page.tags.set(list(plan.tags))
    page.save_revision().publish()
    page = ChallengePage.objects.get(pk=page.pk)
    # Its task is held back with the others (activity_cast.tasks_held_back): index it here.
    ReferenceIndex.create_or_update_for_object(page)
    keep_key("challenge", plan.key, page)
    return page


def _window(challenge: ChallengePage, now: datetime) -> tuple[datetime, datetime] | None:
    """When this challenge took ideas, up to now; None for one that has not opened."""
    start = challenge.opens_at
    submission_ends = challenge.voting_opens_at or challenge.review_opens_at or challenge.closes_at
    end = min(submission_ends, now) - timedelta(hours=2)
    return (start, end) if end > start else None


def _between(dice: DemoCalendar, start: datetime, end: datetime) -> datetime:
    moment = start + (end - start) * dice.rng.random()
    # Working hours: people write between 8:00 and 18:00.
    local = timezone.localtime(moment)
    if not 8 <= local.hour < 18:
        moment = local.replace(hour=dice.rng.randint(8, 17)).astimezone(moment.tzinfo)
    return min(max(moment, start), end)


def _story(
    plan: ChallengePlan,
    challenge: ChallengePage,
    dice: DemoCalendar,
    cast: Cast,
    report: IdeasReport,
) -> None:
    now = timezone.now()
    window = _window(challenge, now)
    if window is None:
        return
    authors = _authors(len(plan.ideas), dice, cast)
    ideas = []
    for (title, description, tags), author in zip(plan.ideas, authors, strict=True):
        moment = _between(dice, *window)
        anonymous = plan.anonymous_ideas and dice.rng.random() < 0.15
        ideas.append(
            submit_idea(
                user=author,
                challenge=challenge,
                title=title,
                description=description,
                tags=tags,
                anonymous=anonymous,
                now=moment,
            )
        )
    report.ideas += len(ideas)
    first_answers = _first_answers(challenge, ideas, dice, now)
    report.answers += len(first_answers)
    _votes(challenge, ideas, dice, cast, now, report)
    _comments(challenge, ideas, dice, cast, now, report)
    report.answers += _decisions(challenge, ideas, dice, now)
    for idea in Idea.objects.filter(challenge=challenge):
        report.by_status[idea.status] = report.by_status.get(idea.status, 0) + 1


def _authors(count: int, dice: DemoCalendar, cast: Cast) -> list[User]:
    """Many different authors; the employee and the manager among them, so that their first
    sign-in shows ideas of their own that got an answer."""
    pool = [user for user in cast.people if user.username != CHALLENGE_OWNER] or cast.people
    authors = [dice.rng.choice(pool) for _n in range(count)]
    for position, name in ((0, EMPLOYEE), (2, MANAGER), (4, EDITOR)):
        if name in cast.roles and position < count:
            authors[position] = cast.roles[name]
    return authors


def _set_answer_moment(change: StatusChange, moment: datetime) -> None:
    StatusChange.objects.filter(pk=change.pk).update(created_at=moment)


def _first_answers(
    challenge: ChallengePage, ideas: list[Idea], dice: DemoCalendar, now: datetime
) -> list[StatusChange]:
    """The owner looks at most ideas within a few days ("under review"), some later, the most
    recent not yet: the 14-day answer figures have something to say."""
    owner = challenge.challenge_owner
    changes = []
    for idea in ideas:
        moment = idea.created_at + timedelta(days=dice.rng.uniform(1, 16))
        if moment >= now or dice.rng.random() < 0.15:
            continue
        change = answer_idea(
            user=owner, idea=idea, status=Status.UNDER_REVIEW, message=dice.rng.choice(UNDER_REVIEW)
        )
        _set_answer_moment(change, moment)
        changes.append(change)
    return changes


def _votes(
    challenge: ChallengePage,
    ideas: list[Idea],
    dice: DemoCalendar,
    cast: Cast,
    now: datetime,
    report: IdeasReport,
) -> None:
    opens = challenge.voting_opens_at or challenge.opens_at
    voting_ends = challenge.review_opens_at or challenge.closes_at
    closes = min(voting_ends, now) - timedelta(hours=1)
    if closes <= opens:
        return
    most = min(MAX_VOTERS, max(2, math.ceil(VOTING_SHARE * len(cast.people))))
    for idea in ideas:
        voters = [user for user in cast.people if user.pk != idea.author_id]
        count = min(len(voters), int(most * dice.rng.random() ** 1.5) + dice.rng.randint(0, 2))
        start = max(opens, idea.created_at + timedelta(hours=1))
        if start >= closes:
            continue
        for voter in dice.rng.sample(voters, count):
            moment = _between(dice, start, closes)
            cast_vote(user=voter, idea=idea, now=moment)
            Vote.objects.filter(idea=idea, user=voter).update(created_at=moment)
            report.votes += 1


def _comments(
    challenge: ChallengePage,
    ideas: list[Idea],
    dice: DemoCalendar,
    cast: Cast,
    now: datetime,
    report: IdeasReport,
) -> None:
    end = min(challenge.closes_at, now) - timedelta(hours=1)
    for idea in ideas:
        for _n in range(dice.rng.choice((0, 1, 1, 2, 2, 3, 4))):
            if idea.created_at >= end:
                break
            add_comment(
                user=dice.rng.choice(cast.people),
                idea=idea,
                body=dice.rng.choice(COMMENTS),
                now=_between(dice, idea.created_at + timedelta(minutes=30), end),
            )
            report.comments += 1


def _decisions(
    challenge: ChallengePage, ideas: list[Idea], dice: DemoCalendar, now: datetime
) -> int:
    """Decide the ideas of a challenge in review or closed (after its votes): some selected,
    some implemented (selected first), some rejected, each with a message."""
    if challenge.review_opens_at is None or challenge.review_opens_at > now:
        # Still in submission or voting: a couple of early decisions only.
        chosen = [idea for idea in ideas if dice.rng.random() < 0.08]
        start = None
    else:
        chosen = ideas
        start = challenge.review_opens_at
    closed = challenge.closes_at <= now
    answers = 0
    for idea in chosen:
        idea.refresh_from_db(fields=["status"])
        low = start or idea.created_at + timedelta(days=2)
        high = min(challenge.closes_at, now) - timedelta(hours=3)
        if high <= low:
            continue
        moment = _between(dice, low, high)
        roll = dice.rng.random()
        if not closed and roll < 0.3:
            continue  # still being reviewed
        status = Status.REJECTED if roll > 0.75 else Status.SELECTED
        messages = REJECTED if status == Status.REJECTED else SELECTED
        change = answer_idea(
            user=challenge.challenge_owner,
            idea=idea,
            status=status,
            message=dice.rng.choice(messages),
        )
        _set_answer_moment(change, moment)
        answers += 1
        if status == Status.SELECTED and closed and roll < 0.5:
            done = answer_idea(
                user=challenge.challenge_owner,
                idea=idea,
                status=Status.IMPLEMENTED,
                message=dice.rng.choice(IMPLEMENTED),
            )
            _set_answer_moment(done, min(moment + timedelta(days=dice.rng.uniform(4, 15)), now))
            answers += 1
    return answers


def _signals_in_writing(
    challenges: list[ChallengePage], dice: DemoCalendar, cast: Cast, report: IdeasReport
) -> None:
    """What makes this week's signals: comments on remote work every week for a month (a
    strong theme, #télétravail), and last week a burst of frustration about broken printers
    (an emerging theme, and frustration by topic), each from enough different people to pass
    the floor."""
    now = timezone.now()
    by_key = dict(zip((plan.key for plan in CHALLENGES), challenges, strict=True))
    last_monday = _monday(now) - timedelta(weeks=1)
    writers = max(6, math.ceil(0.06 * len(cast.people)))
    remote = list(Idea.objects.filter(challenge=by_key["demo-a-remote"]).order_by("pk"))
    offices = list(Idea.objects.filter(challenge=by_key["demo-a-offices"]).order_by("pk"))
    for weeks_back in range(4):
        monday = last_monday - timedelta(weeks=weeks_back)
        for person in dice.rng.sample(cast.people, min(writers, len(cast.people))):
            idea = dice.rng.choice(remote)
            moment = _between(dice, max(monday, idea.created_at), monday + timedelta(days=4))
            if moment <= idea.created_at:
                continue
            add_comment(user=person, idea=idea, body=dice.rng.choice(REMOTE_COMMENTS), now=moment)
            report.comments += 1
    printers = next(idea for idea in offices if "imprimante" in idea.title.lower())
    for person in dice.rng.sample(cast.people, min(writers + 1, len(cast.people))):
        moment = _between(
            dice, max(last_monday, printers.created_at), last_monday + timedelta(days=4)
        )
        if moment <= printers.created_at:
            continue
        add_comment(user=person, idea=printers, body=dice.rng.choice(PRINTER_COMMENTS), now=moment)
        report.comments += 1


def _monday(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start - timedelta(days=start.weekday())


def _workshops(
    challenges: list[ChallengePage], dice: DemoCalendar, cast: Cast, report: IdeasReport
) -> None:
    """A workshop held in the closed challenge (with its report) and one coming in the
    challenge being voted on, each about a few of its ideas, with participants."""
    now = timezone.now()
    by_key = dict(zip((plan.key for plan in CHALLENGES), challenges, strict=True))
    plans = (
        (
            by_key["demo-a-travel"],
            "Atelier : tester la visio dans nos salles",
            -52,
            "Salle Rhône, siège",
        ),
        (by_key["demo-a-remote"], "Atelier : notre charte du télétravail", 6, "Salle Saône, siège"),
    )
    for challenge, title, offset, place in plans:
        starts = timezone.localtime(now).replace(
            hour=14, minute=0, second=0, microsecond=0
        ) + timedelta(days=offset)
        idea_ids = list(
            Idea.objects.filter(challenge=challenge)
            .order_by("-vote_count", "pk")
            .values_list("pk", flat=True)[:3]
        )
        event = plan_challenge_event(
            user=challenge.challenge_owner,
            challenge=challenge,
            details=EventDetails(
                title=title,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place=place,
                capacity=12,
                description="Deux heures en petit groupe sur les idées les plus soutenues.",
            ),
            idea_ids=idea_ids,
        )
        Event.objects.filter(pk=event.pk).update(created_at=starts - timedelta(days=12))
        size = min(len(cast.people), 10)
        for person in dice.rng.sample(cast.people, size):
            answered = starts - timedelta(days=dice.rng.uniform(1, 10))
            seat = rsvp(event=event, user=person, now=answered)
            RSVP.objects.filter(pk=seat.pk).update(created_at=answered)
            report.participants += 1
        if starts + timedelta(hours=2) < now:
            write_report(
                user=challenge.challenge_owner,
                event=event,
                report=(
                    "Nous avons testé trois salles équipées. Décision : équiper une salle par "
                    "étage d'ici la fin du trimestre, en commençant par le siège."
                ),
                links=[],
                now=now,
            )
        keep_key("event", f"demo-a-workshop-{challenge.pk}", event)
        report.workshops += 1
