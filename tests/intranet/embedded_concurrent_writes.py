"""Run by tests/intranet/test_embedded_sqlite.py in the embedded mode (SQLite file): people
vote and comment on one idea at the same moment, each in their own thread and connection,
through the site's views. Prints a JSON summary of what happened."""

import json
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from core.conversations.models import Comment  # noqa: E402
from ideas.models import Idea, Vote  # noqa: E402
from tests.ideas.concurrency import run_in_threads  # noqa: E402
from tests.ideas.factories import challenge, idea  # noqa: E402
from tests.people.factories import TeamFactory, person  # noqa: E402

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 8

team = TeamFactory(name="Atelier")
campaign = challenge(owner=person(username="owner", team=team), audience=[team], phase="open")
proposal = idea(campaign, author=person(username="author", team=team))
voters = [person(username=f"voter{n}", team=team) for n in range(PEOPLE)]


def vote_and_comment(index: int) -> list[int]:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(voters[index])
    voted = client.post(f"/ideas/{proposal.pk}/vote/")
    commented = client.post(f"/ideas/{proposal.pk}/comments/", {"body": f"Oui ({index})"})
    return [voted.status_code, commented.status_code]


outcomes = [
    o if isinstance(o, list) else f"{type(o).__name__}: {o}"
    for o in run_in_threads(PEOPLE, vote_and_comment)
]
proposal.refresh_from_db()
print(
    json.dumps(
        {
            "engine": settings.DATABASES["default"]["ENGINE"],
            "outcomes": outcomes,
            "votes": Vote.objects.filter(idea=proposal).count(),
            "vote_count": proposal.vote_count,
            "comments": Comment.objects.on(proposal).count(),
            "ideas": Idea.objects.count(),
        }
    )
)
