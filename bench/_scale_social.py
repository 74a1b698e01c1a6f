"""Communities, posts, follows, kudos, notices and searches of bench/scale.py, bulk-created
and proportional to the organisation: one community per hundred people (about forty members
each), a post per person over the last 60 days, two follows per person, a kudos per two
people, two notices per person waiting for the digest and a search per ten people a week.

The reader of the home feed (person 7) belongs to a few communities and follows two
communities, two colleagues and three tags, so that every source of the feed has work to do.
"""

from __future__ import annotations

import random
from datetime import timedelta

from bench._scale_content import NOW, RECENT_DAYS, sentence
from bench._scale_people import BATCH, WORDS, World, copy_rows

READER = 7
READER_TAGS = ["cantine", "vélo", "sécurité"]
SEARCHES = ["télétravail", "congés", "badge parking", "mutuelle", "note de frais", "cantine"]


def grow_communities(world: World, communities: int, have: int) -> list[int]:
    """Communities `have` … `communities - 1` with their members; returns every community id
    by number."""
    from communities.models import Community, Membership, Visibility

    visibilities = [Visibility.OPEN] * 8 + [Visibility.CLOSED, Visibility.SECRET]
    Community.objects.bulk_create(
        Community(
            name=f"Communauté {n}",
            slug=f"communaute-{n}",
            visibility=visibilities[n % len(visibilities)],
            description=sentence(random.Random(f"{world.seed}-community-{n}"), 20),
        )
        for n in range(have, communities)
    )
    by_slug = dict(Community.objects.values_list("slug", "pk"))
    ids = [by_slug[f"communaute-{n}"] for n in range(communities)]
    members = []
    for n in range(have, communities):
        rng = random.Random(f"{world.seed}-members-{n}")
        members += [
            Membership(community_id=ids[n], user_id=world.user_ids[person])
            for person in rng.sample(range(world.people), 40)
        ]
        if n % 7 == 0:
            members.append(Membership(community_id=ids[n], user_id=world.user_ids[READER]))
    Membership.objects.bulk_create(members, batch_size=BATCH, ignore_conflicts=True)
    return ids


def grow_posts(world: World, community_ids: list[int], posts: int, have: int) -> None:
    from taggit.models import Tag

    from communities.models import Post, PostTag

    tags = {word: Tag.objects.get_or_create(name=word)[0].pk for word in WORDS}
    for low in range(have, posts, BATCH):
        batch = []
        for n in range(low, min(low + BATCH, posts)):
            rng = random.Random(f"{world.seed}-post-{n}")
            published = NOW - timedelta(minutes=rng.randrange(RECENT_DAYS * 24 * 60))
            batch.append(
                Post(
                    community_id=community_ids[rng.randrange(len(community_ids))],
                    author_id=world.user_ids[rng.randrange(world.people)],
                    kind="question" if n % 5 == 0 else "post",
                    title=sentence(rng, 6),
                    body=f"<p>{sentence(rng, 40)}</p>",
                    created_at=published,
                    publish_at=published,
                    last_activity_at=published,
                )
            )
        made = Post.objects.bulk_create(batch)
        PostTag.objects.bulk_create(
            PostTag(content_object_id=post.pk, tag_id=tags[word])
            for post in made
            for word in random.Random(f"{world.seed}-post-tags-{post.pk}").sample(WORDS, 2)
        )


def grow_follows(world: World, community_ids: list[int], have_people: int) -> None:
    """Each new person follows a tag and a community; the reader follows more."""
    from communities.models import Follow

    rows = []
    for n in range(have_people, world.people):
        rng = random.Random(f"{world.seed}-follows-{n}")
        rows.append(Follow(user_id=world.user_ids[n], tag=rng.choice(WORDS)))
        rows.append(Follow(user_id=world.user_ids[n], community_id=rng.choice(community_ids)))
    if have_people == 0:
        reader = world.user_ids[READER]
        rows += [Follow(user_id=reader, tag=tag) for tag in READER_TAGS]
        rows += [Follow(user_id=reader, community_id=pk) for pk in community_ids[1:3]]
        rows += [Follow(user_id=reader, person_id=world.user_ids[p]) for p in (3, 11)]
    Follow.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def grow_kudos(world: World, have_people: int) -> None:
    from django.db import connection

    from people.models import Kudos, OrganisationValue

    value, _created = OrganisationValue.objects.get_or_create(name="Entraide")
    rows = []
    for n in range(have_people, world.people, 2):
        rng = random.Random(f"{world.seed}-kudos-{n}")
        rows.append(
            Kudos(
                sender_id=world.user_ids[n],
                recipient_id=world.profile_ids[rng.randrange(world.people)],
                value=value,
                message=sentence(rng, 10),
            )
        )
    made = Kudos.objects.bulk_create(rows, batch_size=BATCH)
    with connection.cursor() as cursor:  # given over the last 90 days, not all now
        cursor.execute(
            "UPDATE people_kudos SET created_at = now() - (id %% %s) * interval '1 hour' "
            "WHERE id = ANY(%s)",
            [90 * 24, [kudos.pk for kudos in made]],
        )


def grow_notices(world: World, have_people: int) -> None:
    """Two notices per new person in the last fortnight, unread, waiting for the digest."""
    from notifications.models import Notification

    rows = [
        Notification(
            recipient_id=world.user_ids[n],
            key=f"bench:scale:{n}:{k}",
            kind="bench",
            message=f"Une nouvelle réponse à votre idée ({k})",
            url="/ideas/",
            immediate=False,
            created_at=NOW - timedelta(hours=7 * 24 * k + 3 + n % 100),
        )
        for n in range(have_people, world.people)
        for k in range(2)
    ]
    Notification.objects.bulk_create(rows, batch_size=BATCH)


def grow_searches(world: World, have_people: int, weeks: int = 8) -> None:
    """A search per ten new people and week over `weeks` weeks (at 50,000 people, 5,000 a
    week: what the weekly signals read besides posts, ideas and comments)."""
    from search.models import SearchQueryLog
    from search.services import searcher_hash_for_id

    rng = world.rng("searches")
    hours = weeks * 7 * 24
    rows = []
    for _n in range((world.people - have_people) * weeks // 10):
        query = rng.choice(SEARCHES)
        person = rng.randrange(world.people)
        at = NOW - timedelta(hours=rng.randrange(hours), minutes=rng.randrange(60))
        searcher = searcher_hash_for_id(world.user_ids[person])
        rows.append((query, query, "{}", rng.choice([0, 3, 12]), searcher, "page", at.isoformat()))
    columns = ["query", "normalized_query", "filters", "result_count", "searcher", "source"]
    copy_rows(SearchQueryLog._meta.db_table, [*columns, "created_at"], rows)
