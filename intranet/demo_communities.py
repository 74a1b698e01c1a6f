"""What the demo's communities hold beyond the import format (DESIGN.md §2 has no field for
them): a poll, the report of a past event, an outside expert as a guest. Idempotent, like the
rest of `load_demo`."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from agenda.models import Event
from agenda.services.events import write_report
from communities.models import Community, Poll, Post
from communities.services.guests import invite_guest_into
from communities.services.polls import PollSpec, attach_poll, cast_poll_vote
from core.models import ExternalKey
from people.models import Profile

GUEST_USERNAME = "ines"
GUEST_EMAIL = "ines.conseil@partenaire.example"


def _imported(model, kind: str, key: str):
    object_id = (
        ExternalKey.objects.filter(kind=kind, key=key).values_list("object_id", flat=True).first()
    )
    return model.objects.filter(pk=object_id).first() if object_id else None


def _person(key: str) -> User | None:
    profile = _imported(Profile, "person", key)
    return profile.user if profile else None


def add_community_demo(password: str) -> list[str]:
    """The poll, the report and the guest; returns lines saying what was added."""
    done: list[str] = []
    challenge_post = _imported(Post, "post", "demo-s-velo-defi")
    if challenge_post is not None and not Poll.objects.filter(post=challenge_post).exists():
        poll = attach_poll(
            challenge_post,
            PollSpec(
                question="Quel jour pour la sortie collective du défi ?",
                answers=["Mardi midi", "Jeudi soir", "Samedi matin"],
                closes_at=timezone.now() + timedelta(days=10),
            ),
        )
        choices = list(poll.choices.order_by("position"))
        for key, choice in (("demo-p-sarah", 1), ("demo-p-paul", 1), ("demo-p-julie", 2)):
            voter = _person(key)
            if voter is not None:
                cast_poll_vote(poll=poll, user=voter, choice_ids=[choices[choice].pk])
        done.append("a poll on the cycling challenge")

    meetup = _imported(Event, "event", "demo-e-data-meetup")
    animator = _person("demo-p-mei")
    if meetup is not None and animator is not None and not meetup.reported_at:
        write_report(
            user=animator,
            event=meetup,
            report=(
                "<p>Trois tableaux de bord présentés (support, recrutement, ventes). Décidé : "
                "un modèle commun de tableau de bord, et une revue des sources de données "
                "chaque trimestre.</p>"
            ),
            links=[
                {"title": question.title, "url": question.get_absolute_url()}
                for question in [_imported(Post, "post", "demo-s-data-llm")]
                if question is not None
            ],
        )
        done.append("the report of the data meetup")

    data = _imported(Community, "community", "demo-g-data")
    if (
        data is not None
        and animator is not None
        and not User.objects.filter(email=GUEST_EMAIL).exists()
    ):
        guest = invite_guest_into(
            community=data,
            email=GUEST_EMAIL,
            first_name="Inès",
            last_name="Conseil",
            access_until=timezone.localdate() + timedelta(days=90),
            by=animator,
        )
        guest.username = GUEST_USERNAME
        guest.set_password(password)
        guest.save()
        done.append("a guest expert in the data community")
    return done
