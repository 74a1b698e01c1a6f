"""The home feed reads only the posts recent enough to make the page, and shows exactly
what ranking every post the reader may read would show: checked against that ranking done
by hand over a busy world (posts of every age, in my community, a followed one, by a
followed colleague, with a followed tag, and elsewhere), page after page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Post, Visibility
from communities.services.follows import follow
from intranet.feed import PAGE_SIZE, Weight, feed_page, freshness
from tests.communities.factories import community, post
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]


def busy_world():
    reader, colleague, someone = person(), person(), person()
    mine = community(name="La mienne", members=[reader])
    followed, elsewhere = community(name="Suivie"), community(name="Ailleurs")
    closed = community(name="Fermée", visibility=Visibility.CLOSED)
    follow(user=reader, target=colleague)
    follow(user=reader, target=followed)
    follow(user=reader, target="vélo")
    now = timezone.now()
    rows = []
    # Many fresh posts elsewhere (the bound is close), and older ones of every affinity at
    # ages on both sides of the bound of each weight.
    for hours in range(0, 90, 2):
        rows.append(Post(community=elsewhere, author=someone, title=f"Ailleurs {hours}h"))
        rows[-1].publish_at = now - timedelta(hours=hours, minutes=7)
    for target, author, label in (
        (mine, someone, "Mienne"),
        (followed, someone, "Suivie"),
        (elsewhere, colleague, "Collègue"),
        (elsewhere, someone, "Vélo"),
        (closed, someone, "Fermée"),
    ):
        for hours in (1, 30, 60, 90, 110, 130, 160, 200, 400):
            made = Post(community=target, author=author, title=f"{label} {hours}h")
            made.publish_at = now - timedelta(hours=hours, minutes=3)
            rows.append(made)
    for made in rows:
        made.created_at = made.last_activity_at = made.publish_at
        made.body = "<p>Bonjour</p>"
    Post.objects.bulk_create(rows)
    for made in Post.objects.filter(title__startswith="Vélo "):
        made.tags.add("Vélo")
    return reader, {"mine": mine, "followed": followed, "colleague": colleague}


def ranked_by_hand(reader, affinity) -> list[str]:
    """Every post the reader may read (the closed community apart), scored as the feed
    says, best first."""
    now = timezone.now()
    scored = []
    for made in Post.objects.exclude(community__visibility=Visibility.CLOSED):
        weight = Weight.ANY
        if made.community_id == affinity["mine"].pk:
            weight = Weight.MINE
        elif made.community_id == affinity["followed"].pk:
            weight = Weight.FOLLOWED_COMMUNITY
        elif made.author_id == affinity["colleague"].pk:
            weight = Weight.FOLLOWED_PERSON
        elif made.title.startswith("Vélo "):
            weight = Weight.FOLLOWED_TAG
        score = weight * freshness(made.publish_at, now)
        scored.append((-score, -made.publish_at.timestamp(), made.pk, made.title))
    return [title for *_key, title in sorted(scored)]


def test_every_page_is_what_ranking_every_readable_post_would_give():
    reader, affinity = busy_world()
    expected = ranked_by_hand(reader, affinity)

    for number in (1, 2, 3):
        page = feed_page(reader, number=number)
        titles = [str(item.obj) for item in page.items]
        start = (number - 1) * PAGE_SIZE
        assert titles == expected[start : start + PAGE_SIZE], number
        assert page.has_next == (len(expected) > start + PAGE_SIZE)
    assert not any(title.startswith("Fermée") for title in expected)


def test_old_posts_still_show_when_there_is_little_to_read():
    reader = person()
    mine = community(name="Calme", members=[reader])
    made = Post.objects.create(community=mine, author=person(), title="Il y a un mois")
    Post.objects.filter(pk=made.pk).update(publish_at=timezone.now() - timedelta(days=30))

    assert [str(item.obj) for item in feed_page(reader).items] == ["Il y a un mois"]


def test_a_followed_tag_spelt_anew_after_a_read_counts_at_once():
    reader = person()
    open_one = community()
    follow(user=reader, target="vélo")
    feed_page(reader)  # the ids of the followed tags are now in the cache
    tagged = post(open_one, title="Étiquette nouvelle")
    Post.objects.filter(pk=tagged.pk).update(publish_at=timezone.now() - timedelta(hours=3))
    post(open_one, title="Plus récente")
    tagged.tags.add("VÉLO")  # a tag that did not exist: followed all the same

    fresh = type(reader).objects.get(pk=reader.pk)
    assert [str(item.obj) for item in feed_page(fresh).items] == [
        "Étiquette nouvelle",
        "Plus récente",
    ]
