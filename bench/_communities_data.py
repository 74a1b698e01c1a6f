"""Communities and posts for bench/pages.py, bulk-created (the import kinds of communities
come with another area): `communities` communities (a tenth closed, a tenth secret) of about
40 members each, `posts` posts spread over them and over the last 60 days, tagged, and events.

The reader of the benchmark (person7) belongs to a few communities and follows a colleague,
a tag and a community, so that every source of the home feed has something to say. Like
`_pages_data`, a larger size adds to a smaller one: run after it, only the missing rows are
created, so the same pages are measured at both sizes.
"""

from __future__ import annotations

from datetime import timedelta

from bench._pages_data import NOW, WORDS, rng_for, sentence

BATCH = 5000


def build_communities(*, communities: int, posts: int, reader_email: str) -> None:
    from django.contrib.auth.models import User
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag

    from agenda.models import Event
    from communities.models import Community, Follow, Membership, Post, PostTag, Visibility

    user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    reader = User.objects.get(email=reader_email)
    have = set(Community.objects.values_list("slug", flat=True))
    visibilities = [Visibility.OPEN] * 8 + [Visibility.CLOSED, Visibility.SECRET]
    Community.objects.bulk_create(
        [
            Community(
                name=f"Communauté {n} : {sentence(rng_for(f'k-{n}'), 2)}",
                slug=f"communaute-{n}",
                visibility=visibilities[n % len(visibilities)],
                description=sentence(rng_for(f"k-{n}"), 20),
            )
            for n in range(communities)
            if f"communaute-{n}" not in have
        ]
    )
    by_slug = dict(Community.objects.values_list("slug", "pk"))
    community_ids = [by_slug[f"communaute-{n}"] for n in range(communities)]
    members = []
    for n, community_id in enumerate(community_ids):
        rng = rng_for(f"members-{n}")
        for user_id in rng.sample(user_ids, min(40, len(user_ids))):
            members.append(Membership(community_id=community_id, user_id=user_id))
        if n % 7 == 0:  # the reader belongs to a seventh of them (closed and secret too)
            members.append(Membership(community_id=community_id, user_id=reader.pk))
    Membership.objects.bulk_create(members, ignore_conflicts=True)
    followed = [
        Follow(user=reader, community_id=community_ids[1]),
        Follow(user=reader, person_id=user_ids[3]),
        Follow(user=reader, tag="cantine"),
    ]
    Follow.objects.bulk_create(followed, ignore_conflicts=True)

    start = Post.objects.count()
    tags = {word: Tag.objects.get_or_create(name=word)[0].pk for word in WORDS}
    for first in range(start, posts, BATCH):
        batch = []
        for n in range(first, min(first + BATCH, posts)):
            rng = rng_for(f"post-{n}")
            published = NOW - timedelta(minutes=rng.randrange(60 * 24 * 60))
            batch.append(
                Post(
                    community_id=community_ids[n % len(community_ids)],
                    author_id=rng.choice(user_ids),
                    kind="question" if n % 5 == 0 else "post",
                    title=sentence(rng, 6),
                    body=f"<p>{sentence(rng, 40)}</p>",
                    created_at=published,
                    publish_at=published,
                    last_activity_at=published,
                    comment_count=rng.randint(0, 4),
                )
            )
        made = Post.objects.bulk_create(batch)
        PostTag.objects.bulk_create(
            [
                PostTag(content_object_id=post.pk, tag_id=tags[word])
                for post in made
                for word in rng_for(f"tags-{post.pk}").sample(WORDS, 2)
            ]
        )
    if not Event.objects.exists() or Event.objects.count() < communities:
        host_type = ContentType.objects.get_for_model(Community)
        Event.objects.bulk_create(
            [
                Event(
                    host_type=host_type,
                    host_id=community_id,
                    title=f"Rencontre {n}",
                    starts_at=NOW + timedelta(days=1 + n % 30),
                    ends_at=NOW + timedelta(days=1 + n % 30, hours=2),
                )
                for n, community_id in enumerate(community_ids)
            ]
        )
