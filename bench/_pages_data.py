"""The data set of bench/pages.py: teams, people, news, challenges, ideas, votes and comments.

Everything the import format carries goes through `import_content` (JSON Lines, DESIGN.md §2),
as an organisation would load it; news reactions and comments, which the format does not
carry, are bulk-created. Each object draws its random choices from a generator seeded by its
own key, so a larger `Sizes` gives a superset of a smaller one: importing the larger file
after the smaller adds to the same objects, which lets the benchmark count the queries of the
same pages at two data sizes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = (
    "télétravail congés formation sécurité réunion projet client budget qualité atelier usine "
    "logistique achats contrat mutuelle parking badge réseau serveur données recrutement "
    "entretien innovation énergie déchets recyclage vélo cantine planning équipe objectif "
    "rapport audit conformité accueil mobilité bien-être numérique papier imprimante salle"
).split()
FIRST = "Camille Léa Hugo Louis Chloé Jules Inès Adam Manon Nathan Zoé Hélène Marc Karim Mei"
LAST = "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Nguyen Haddad"
CATEGORIES = ["Vie interne", "RH", "Informatique", "Sécurité", "Direction", "Sites"]
SITES = ["Lyon", "Paris La Défense", "Nantes", "Toulouse", "Lille", "Télétravail"]
LANGUAGES = ["français", "anglais", "espagnol", "allemand", "italien", "arabe"]
STATUSES = ["submitted", "submitted", "under_review", "selected", "implemented", "rejected"]
NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Sizes:
    """How much of everything; `heavy` is how much the reference news page, leadership update
    and idea carry."""

    people: int
    teams: int
    news: int
    challenges: int
    ideas: int
    heavy: int
    leadership: int = 0


def rng_for(key: str) -> random.Random:
    return random.Random(key)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize()


def rows(sizes: Sizes) -> list[dict]:
    """Every import line of a data set of this size."""
    lines: list[dict] = []
    for n in range(sizes.teams):
        team = {"kind": "team", "key": f"t-{n}", "name": f"Équipe {n}"}
        if n:
            team["parent"] = f"t-{(n - 1) // 5}"  # a tree five wide
        lines.append(team)
    first, last = FIRST.split(), LAST.split()
    for n in range(sizes.people):
        rng = rng_for(f"p-{n}")
        lines.append(
            {
                "kind": "person",
                "key": f"p-{n}",
                "first_name": rng.choice(first),
                "last_name": rng.choice(last),
                "email": f"person{n}@bench.example",
                "job_title": rng.choice(["Analyste", "Technicienne", "Responsable", "Chargé"]),
                "team": f"t-{n % sizes.teams}",
                # A full profile, as HR would send it: what the profile and directory show.
                "skills": rng.sample(WORDS, 4),
                "languages": rng.sample(LANGUAGES, 2),
                "location": rng.choice(SITES),
                "bio": sentence(rng, 30),
            }
        )
        if n >= 10:  # a tree of managers: the first ten lead, everyone has a manager above
            lines[-1]["manager"] = f"p-{rng.randrange(n // 10, n)}"
    for n in range(sizes.news):
        rng = rng_for(f"n-{n}")
        news = {
            "kind": "news",
            "key": f"n-{n}",
            "title": f"{sentence(rng, 5)} ({n})",
            "intro": sentence(rng, 20),
            "body": "\n\n".join(sentence(rng, 60) for _ in range(4)),
            "published_at": (NOW - timedelta(hours=6 * n + 1)).isoformat(),
            "tags": rng.sample(WORDS, 3),
            "category": rng.choice(CATEGORIES),
            "author": f"p-{rng.randrange(sizes.people)}",
        }
        if n and n % 10 == 0:
            news["audience"] = [f"t-{rng.randrange(sizes.teams)}"]
        lines.append(news)
    for n in range(sizes.leadership):
        rng = rng_for(f"l-{n}")
        lines.append(
            {
                "kind": "leadership_update",
                "key": f"l-{n}",
                "title": f"Mot de la direction : {sentence(rng, 4)} ({n})",
                "body": "\n\n".join(sentence(rng, 60) for _ in range(4)),
                "published_at": (NOW - timedelta(days=3 * n + 1)).isoformat(),
                "tags": rng.sample(WORDS, 2),
                "author": f"p-{rng.randrange(10)}",
            }
        )
    for n in range(sizes.challenges):
        rng = rng_for(f"c-{n}")
        lines.append(
            {
                "kind": "challenge",
                "key": f"c-{n}",
                "title": f"Défi {n} : {sentence(rng, 4)}",
                "description": "\n\n".join(sentence(rng, 40) for _ in range(2)),
                "owner": f"p-{rng.randrange(sizes.people)}",
                "opens_at": (NOW - timedelta(days=10 + n)).isoformat(),
                "closes_at": (NOW + timedelta(days=20 + n)).isoformat(),
                "tags": rng.sample(WORDS, 2),
            }
        )
    for n in range(sizes.ideas):
        lines.append(idea_row(n, sizes))
    return lines


def idea_row(n: int, sizes: Sizes) -> dict:
    rng = rng_for(f"i-{n}")
    heavy = n == 0  # the idea page the benchmark counts queries of
    voter_count = min(sizes.people, sizes.heavy * 5 if heavy else rng.randint(0, 12))
    comment_count = sizes.heavy if heavy else rng.randint(0, 3)
    created = NOW - timedelta(days=5, minutes=n)
    row = {
        "kind": "idea",
        "key": f"i-{n}",
        "challenge": f"c-{n % sizes.challenges}",
        "title": f"{sentence(rng, 6)} ({n})",
        "description": "\n\n".join(sentence(rng, 30) for _ in range(2)),
        "author": f"p-{rng.randrange(sizes.people)}",
        "created_at": created.isoformat(),
        "tags": rng.sample(WORDS, 2),
        "status": rng.choice(STATUSES),
        "voters": [f"p-{k}" for k in rng.sample(range(sizes.people), voter_count)],
        "comments": [
            {
                "author": f"p-{rng.randrange(sizes.people)}",
                "body": sentence(rng, 25),
                "created_at": (created + timedelta(minutes=m + 1)).isoformat(),
            }
            for m in range(comment_count)
        ],
    }
    if row["status"] != "submitted":  # an answered idea carries its answer (DESIGN.md §2)
        row["answer"] = {
            "status": row["status"],
            "message": sentence(rng, 20),
            "by": f"p-{rng.randrange(sizes.people)}",
            "at": (created + timedelta(days=2)).isoformat(),
        }
    return row


def write(path: Path, sizes: Sizes) -> int:
    lines = rows(sizes)
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(lines)


def engage_news(sizes: Sizes) -> None:
    """Reactions and comments (with replies) on the news and leadership updates: many on n-0
    and l-0 (the pages measured), a few on the others."""
    from django.contrib.auth.models import User

    from core.conversations.models import Comment, Conversation, Reaction
    from core.conversations.selectors import comments_of
    from core.conversations.services import conversation_for
    from core.models import ExternalKey
    from news.models import LeadershipUpdatePage, NewsPage

    kinds = ["like", "celebrate", "insightful", "support"]
    user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    pages = {
        key: int(object_id)  # stored as text
        for key, object_id in ExternalKey.objects.filter(
            kind__in=["news", "leadership_update"]
        ).values_list("key", "object_id")
    }  # key → page id
    news_conversations = Conversation.objects.filter(object_id__in=pages.values())
    Reaction.objects.filter(conversation__in=news_conversations).delete()
    comments_of(NewsPage, LeadershipUpdatePage).delete()
    conversations = {
        page_id: conversation_for(page).pk
        for model in (NewsPage, LeadershipUpdatePage)
        for page_id, page in ((p.pk, p) for p in model.objects.filter(pk__in=pages.values()))
    }
    reactions, tops, replies = [], [], []
    for key, page_id in pages.items():
        rng = rng_for(f"engage-{key}")
        heavy = key in ("n-0", "l-0")
        people = sizes.heavy * 3 if heavy else rng.randint(0, 8)
        for user_id in rng.sample(user_ids, min(people, len(user_ids))):
            for kind in rng.sample(kinds, rng.randint(1, 2)):
                reactions.append(
                    Reaction(conversation_id=conversations[page_id], user_id=user_id, kind=kind)
                )
        comments = sizes.heavy if heavy else rng.randint(0, 3)
        for _ in range(comments):
            tops.append(
                Comment(
                    conversation_id=conversations[page_id],
                    author_id=rng.choice(user_ids),
                    body=sentence(rng, 20),
                )
            )
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)
    Comment.objects.bulk_create(tops)
    for number, top in enumerate(tops):
        if number % 2 == 0:
            replies.append(
                Comment(
                    conversation_id=top.conversation_id,
                    author_id=top.author_id,
                    parent=top,
                    body="Merci !",
                )
            )
    Comment.objects.bulk_create(replies)
