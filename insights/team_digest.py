"""The weekly team digest: for each manager, one email on Monday with, for each team they lead,
the suggestions of the week (`insights.suggestions`) and the team's main figures of the last
seven days, above the floor only.

Sent once per manager and week: the claim is a `notifications.DigestRun` row (unique per
person, kind and period) inserted in the transaction that sends, so a rerun, a retry or two
workers sharing the same batch send nothing more. The beat job `insights.send_team_digests`
(`insights.tasks`) splits the managers into batches that any worker may run. Managers who
chose "in the app only" in their notification preferences get no email.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.formats import local_number
from insights.privacy import min_people, team_breakdowns_on
from insights.selectors import TeamTree, monday_of, team_dashboard, team_tree
from insights.suggestions import Suggestion, suggestions_for
from notifications.emails import absolute_url
from notifications.models import Cadence, DigestRun, Preference
from notifications.selectors import default_cadence, email_language
from people.models import Team
from people.selectors import managed_team_ids, manages_a_team_expression

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

logger = logging.getLogger(__name__)

# `DigestRun.kind` of the team digest (the period is the Monday of the week it is sent in).
DIGEST_KIND = "team-week"
FIGURES_DAYS = 7


@dataclass
class TeamSection:
    """One team of the digest: its suggestions, and its figures or why there are none."""

    team: Team
    url: str
    suggestions: list[Suggestion]
    dashboard: dict[str, Any] | None
    no_figures_reason: str = ""
    figures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def actions(self) -> list[tuple[Suggestion, str]]:
        """Each suggestion with the absolute address of its link (empty: none)."""
        return [(s, absolute_url(s.url)) for s in self.suggestions]


def digest_week(now: datetime | None = None) -> date:
    """The period a digest sent at `now` belongs to: the Monday of that week."""
    return monday_of(timezone.localdate(now or timezone.now()))


def team_digest_recipients() -> QuerySet[User]:
    """Active managers of a team with an email address, except those who chose to be
    notified in the app only (`notifications.Preference`), by id."""
    chosen = Preference.objects.filter(user=OuterRef("pk")).values("cadence")[:1]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(manages_a_team_expression())
        .annotate(digest_cadence=Coalesce(Subquery(chosen), Value(default_cadence())))
        .exclude(digest_cadence=Cadence.IN_APP)
        .order_by("pk")
    )


def unsent_recipient_ids(week: date) -> list[int]:
    """Managers whose digest of this week has not gone out yet."""
    claimed = DigestRun.objects.filter(kind=DIGEST_KIND, period=week, user=OuterRef("pk"))
    return list(team_digest_recipients().exclude(Exists(claimed)).values_list("pk", flat=True))


def led_teams(user: User) -> list[Team]:
    """The teams a manager leads: those of the teams they manage (`managed_team_ids`) that
    are not below another one of them (a team's dashboard covers its sub-teams), by name."""
    managed = managed_team_ids(user)
    teams = Team.objects.filter(pk__in=managed).order_by("name")
    return [team for team in teams if team.parent_id not in managed]


def team_section(team: Team, *, tree: TeamTree, now: datetime) -> TeamSection:
    """What the digest says about one team, in the active language."""
    dashboard = team_dashboard(team, days=FIGURES_DAYS, tree=tree)
    section = TeamSection(
        team=team,
        url=absolute_url(reverse("insights:team", args=[team.slug])),
        suggestions=suggestions_for(team, tree=tree, now=now),
        dashboard=dashboard,
    )
    if not team_breakdowns_on():
        section.no_figures_reason = gettext(
            "By agreement with the staff representatives, figures are not broken down by team."
        )
    elif dashboard is None and tree.size.get(team.pk, 0) < min_people():
        section.no_figures_reason = gettext(
            "The team has fewer than %(floor)s active people: no figures are shown for it."
        ) % {"floor": min_people()}
    elif dashboard is None:
        section.no_figures_reason = gettext(
            "No figures are shown for the team: with those of the team above, they would let "
            "a group of fewer than %(floor)s people be worked out. Its people are counted in "
            "the team above."
        ) % {"floor": min_people()}
    else:
        section.figures = [(gettext("People"), str(dashboard["total"]["people"]))]
        section.figures += [
            (str(card["label"]), local_number(card["value"]) + (" %" if card["unit"] else ""))
            for card in dashboard["cards"]
        ]
    return section


def send_team_digest(
    user: User, *, week: date, tree: TeamTree | None = None, now: datetime | None = None
) -> bool:
    """Build, claim and send one manager's digest of the week, in their language. The claim
    is inserted in the transaction that sends: a concurrent run waits on it and then finds it
    taken, a failed send rolls it back so that the retry sends. Returns whether it went."""
    now = now or timezone.now()
    teams = led_teams(user)
    if not teams:
        return False
    tree = tree or team_tree()
    with translation.override(email_language(user)):
        sections = [team_section(team, tree=tree, now=now) for team in teams]
        try:
            with transaction.atomic():
                DigestRun.objects.create(
                    user=user,
                    kind=DIGEST_KIND,
                    period=week,
                    items=sum(len(section.suggestions) for section in sections),
                )
                _send(user, week, sections)
        except IntegrityError:
            return False
    return True


def send_team_digests(*, now: datetime | None = None, user_ids: list[int] | None = None) -> int:
    """Send this week's digest to every manager who has not had it (or to those of
    `user_ids`); returns how many went. One failure does not stop the others: they are
    reported at the end, so that a retry sends only them."""
    now = now or timezone.now()
    week = digest_week(now)
    recipients = team_digest_recipients().exclude(
        Exists(DigestRun.objects.filter(kind=DIGEST_KIND, period=week, user=OuterRef("pk")))
    )
    if user_ids is not None:
        recipients = recipients.filter(pk__in=user_ids)
    tree = team_tree()
    sent, failed = 0, []
    for user in recipients.iterator(chunk_size=100):
        try:
            sent += send_team_digest(user, week=week, tree=tree, now=now)
        except Exception:  # noqa: BLE001 - one bad address or a mail outage must not stop the rest
            logger.exception("Team digest %s for user %s failed", week, user.pk)
            failed.append(user.pk)
    if failed:
        raise TeamDigestsFailed(f"{len(failed)} team digests failed (users {failed[:20]})")
    return sent


class TeamDigestsFailed(RuntimeError):
    pass


def _send(user: User, week: date, sections: list[TeamSection]) -> None:
    title = gettext("Your team's week")
    context = {
        "title": title,
        "user": user,
        "week": week,
        "sections": sections,
        "floor": min_people(),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "language": translation.get_language(),
    }
    message = EmailMultiAlternatives(
        subject=f"[Ruche] {title}",
        body=render_to_string("insights/email/team_digest.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("insights/email/team_digest.html", context), "text/html"
    )
    message.send()
