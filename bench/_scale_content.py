"""Content of bench/scale.py: news, challenges and ideas with votes and comments, reactions,
communities with posts and follows, kudos, notices and searches, at a size proportional to
the organisation's, added to what a smaller size already made.

Importing pages one by one was far too slow (2,000 people took 12 minutes under load), so
news and challenge pages go through a fast path: one news line per category and one challenge
through `import_content` make the news index, the categories and the ideas hub as an import
would (published, with revisions), then the rest are built as rows under their parent with
Wagtail's tree fields (treebeard path, depth, numchild, url_path) computed in bulk. They are
live and need no revision to be listed, found or shown in a feed (a revision is only read to
edit or preview a page). Ideas, votes, comments and the rest go through `bulk_create` in
batches.
"""

from __future__ import annotations

import json
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench._scale_people import BATCH, WORDS, World, copy_rows

NOW = datetime.now(UTC).replace(microsecond=0)
CATEGORIES = ["Vie interne", "RH", "Informatique", "Sécurité", "Direction", "Sites"]
STATUSES = ["submitted", "submitted", "under_review", "selected", "implemented", "rejected"]
NEWS_DAYS = 200  # news spread over the last 200 days, ideas and posts over the last 60
RECENT_DAYS = 60


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize()


def import_lines(lines: list[dict]) -> None:
    from core.importing.runner import run_import

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        path = Path(folder) / "lines.jsonl"
        path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        report = run_import([path])
    if not report.ok:
        raise SystemExit("import failed:\n" + "\n".join(report.errors[:10]))


def bulk_child_pages(parent_model, model, pages: list[dict]) -> list[int]:
    """Live pages of `model` under the only `parent_model` page, in one batch: the page rows
    with their tree fields, then the child table's rows (multi-table inheritance: bulk_create
    refuses it, so `_insert` writes the child columns). Each dict holds `title`, `slug`,
    `moment` and the child's own fields. Returns the new pages' ids, in order."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        parent = parent_model.objects.select_for_update().get()
        start = parent.numchild
        rows = []
        for offset, spec in enumerate(pages):
            title, slug, moment = spec.pop("title"), spec.pop("slug"), spec.pop("moment")
            rows.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type_id=content_type.pk,
                    path=Page._get_path(parent.path, parent.depth + 1, start + offset + 1),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    locale_id=parent.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=moment,
                    last_published_at=moment,
                )
            )
        made = Page.objects.bulk_create(rows)
        details = [
            model(page_ptr_id=page.pk, **spec) for page, spec in zip(made, pages, strict=True)
        ]
        model.objects._insert(details, fields=model._meta.local_concrete_fields)
        Page.objects.filter(pk=parent.pk).update(numchild=start + len(made))
    return [page.pk for page in made]


def grow_news(world: World, news: int, have: int) -> None:
    """News `have` … `news - 1`, with tags, and a tenth addressed to one team."""
    from taggit.models import Tag
    from wagtail.rich_text import RichText

    from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag

    if have == 0:  # the index and the categories, as an import makes them
        import_lines(
            [
                {
                    "kind": "news",
                    "key": f"seed-{n}",
                    "title": f"Bienvenue dans la rubrique {name}",
                    "body": "Les actualités de la rubrique.",
                    "published_at": (NOW - timedelta(days=NEWS_DAYS)).isoformat(),
                    "category": name,
                    "author": "p-0",
                }
                for n, name in enumerate(CATEGORIES)
            ]
        )
    categories = list(NewsCategory.objects.order_by("pk").values_list("pk", flat=True))
    tags = {word: Tag.objects.get_or_create(name=word)[0].pk for word in WORDS}
    audience = NewsPage.audience_teams.through
    for low in range(have, news, BATCH):
        numbers = list(range(low, min(low + BATCH, news)))
        rngs = {n: random.Random(f"{world.seed}-news-{n}") for n in numbers}
        ids = bulk_child_pages(
            NewsIndexPage,
            NewsPage,
            [
                {
                    "title": f"{sentence(rngs[n], 5)} ({n})",
                    "slug": f"actualite-{n}",
                    "moment": NOW - timedelta(minutes=rngs[n].randrange(NEWS_DAYS * 24 * 60)),
                    "intro": sentence(rngs[n], 20),
                    "body": [("paragraph", RichText(f"<p>{sentence(rngs[n], 80)}</p>"))],
                    "category_id": rngs[n].choice(categories),
                    "author_id": world.profile_ids[rngs[n].randrange(world.people)],
                    "language": "fr",
                }
                for n in numbers
            ],
        )
        NewsPageTag.objects.bulk_create(
            NewsPageTag(content_object_id=pk, tag_id=tags[word])
            for n, pk in zip(numbers, ids, strict=True)
            for word in rngs[n].sample(WORDS, 3)
        )
        audience.objects.bulk_create(
            audience(newspage_id=pk, team_id=world.team_ids[rngs[n].randrange(world.teams)])
            for n, pk in zip(numbers, ids, strict=True)
            if n % 10 == 9
        )


def grow_challenges(world: World, challenges: int, have: int) -> None:
    """The first challenge through `import_content` (it makes the ideas hub), the others as
    rows: an imported challenge tells its whole audience it opened, one task per challenge
    that takes seconds at 50,000 people."""
    from ideas.models import ChallengePage, IdeasHubPage

    rng = world.rng("challenges")
    opens, closes = NOW - timedelta(days=RECENT_DAYS), NOW + timedelta(days=30)
    if have == 0:
        import_lines(
            [
                {
                    "kind": "challenge",
                    "key": "c-0",
                    "title": f"Défi 0 : {sentence(rng, 4)}",
                    "description": sentence(rng, 40),
                    "owner": "p-1",
                    "opens_at": opens.isoformat(),
                    "closes_at": closes.isoformat(),
                }
            ]
        )
        have = 1
    if have >= challenges:
        return
    bulk_child_pages(
        IdeasHubPage,
        ChallengePage,
        [
            {
                "title": f"Défi {n} : {sentence(rng, 4)}",
                "slug": f"defi-{n}",
                "moment": opens,
                "challenge_owner_id": world.user_ids[rng.randrange(world.people)],
                "description": f"<p>{sentence(rng, 40)}</p>",
                "opens_at": opens,
                "closes_at": closes,
            }
            for n in range(have, challenges)
        ],
    )


def grow_ideas(world: World, *, per_challenge: int, votes: int, comments: int) -> None:
    """Ideas for the challenges that have none yet, with `votes` votes and `comments` comments
    in all (spread over the new ideas), their counters kept right."""
    from django.contrib.contenttypes.models import ContentType

    from core.conversations.models import Comment, Conversation
    from ideas.models import ChallengePage, Idea, Vote

    new = list(ChallengePage.objects.filter(ideas__isnull=True).order_by("pk"))
    rng = world.rng("ideas")
    ideas: list[Idea] = []
    for challenge in new:
        for _n in range(per_challenge):
            ideas.append(
                Idea(
                    challenge=challenge,
                    author_id=world.user_ids[rng.randrange(world.people)],
                    title=sentence(rng, 6),
                    description=f"<p>{sentence(rng, 40)}</p>",
                    status=rng.choice(STATUSES),
                    created_at=NOW - timedelta(minutes=rng.randrange(RECENT_DAYS * 24 * 60)),
                )
            )
    ideas = Idea.objects.bulk_create(ideas, batch_size=BATCH)
    per_idea_votes, per_idea_comments = votes // len(ideas), comments // len(ideas)
    copy_rows(
        Vote._meta.db_table,
        ["idea_id", "user_id", "challenge_id", "created_at"],
        [
            (
                idea.pk,
                world.user_ids[voter],
                idea.challenge_id,
                (
                    idea.created_at + timedelta(minutes=rng.randrange(RECENT_DAYS * 24 * 60))
                ).isoformat(),
            )
            for idea in ideas
            for voter in rng.sample(range(world.people), per_idea_votes)
        ],
    )
    idea_type = ContentType.objects.get_for_model(Idea)
    conversations = Conversation.objects.bulk_create(
        [Conversation(content_type=idea_type, object_id=idea.pk) for idea in ideas],
        batch_size=BATCH,
    )
    copy_rows(
        Comment._meta.db_table,
        ["conversation_id", "author_id", "body", "import_ref", "report_count", "created_at"],
        [
            (
                conversation.pk,
                world.user_ids[rng.randrange(world.people)],
                sentence(rng, 25),
                "",
                0,
                (idea.created_at + timedelta(hours=1 + m)).isoformat(),
            )
            for idea, conversation in zip(ideas, conversations, strict=True)
            for m in range(per_idea_comments)
        ],
    )
    Idea.objects.filter(pk__in=[idea.pk for idea in ideas]).update(
        vote_count=per_idea_votes, comment_count=per_idea_comments
    )


def grow_reactions(world: World, per_news: int) -> None:
    """`per_news` reactions on each news page that has no conversation yet."""
    from django.contrib.contenttypes.models import ContentType

    from core.conversations.models import Conversation, Reaction
    from news.models import NewsPage

    news_type = ContentType.objects.get_for_model(NewsPage)
    talked = Conversation.objects.filter(content_type=news_type).values("object_id")
    pages = list(NewsPage.objects.exclude(pk__in=talked).values_list("pk", flat=True))
    conversations = Conversation.objects.bulk_create(
        [Conversation(content_type=news_type, object_id=pk) for pk in pages], batch_size=BATCH
    )
    rng = world.rng("reactions")
    kinds = ["like", "celebrate", "insightful", "support"]
    rows = [
        Reaction(
            conversation_id=conversation.pk,
            user_id=world.user_ids[person],
            kind=rng.choice(kinds),
        )
        for conversation in conversations
        for person in rng.sample(range(world.people), per_news)
    ]
    Reaction.objects.bulk_create(rows, batch_size=BATCH * 4, ignore_conflicts=True)
