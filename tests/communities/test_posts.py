"""Posts and questions: members post (sanitised, tagged, with files), the author or an
animator edits (history kept) and deletes, animators pin and schedule; every page is read
only by the community's readers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.announcements import announce_due_posts
from communities.models import Post, PostRevision, Visibility
from communities.selectors.posts import posts_page
from communities.services.posts import delete_post, edit_post, pin_post, publish_post, unpin_post
from communities.signals import post_published
from communities.tasks import announce_scheduled_posts
from core.conversations.errors import Invalid, NotAllowed
from core.conversations.services import post_comment
from tests.communities.factories import community, join, poll, post, question
from tests.people.factories import person

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _publish(where, author, **fields):
    values = {"kind": "post", "title": "", "body": "Bonjour", "tags": []}
    values.update(fields)
    return publish_post(community=where, author=author, **values)


@pytest.fixture
def announced():
    seen: list[Post] = []

    def receive(sender, post, **kwargs):
        seen.append(post)

    post_published.connect(receive)
    yield seen
    post_published.disconnect(receive)


def test_a_member_publishes_a_sanitised_tagged_post_announced_once(
    django_capture_on_commit_callbacks, announced
):
    member = person()
    where = community(members=[member])
    with django_capture_on_commit_callbacks(execute=True):
        made = _publish(
            where,
            member,
            title="Recette",
            body="<p>Voir https://example.org/tarte</p><script>alert(1)</script>"
            '<p onclick="x">ok</p>',
            tags=["Cuisine", "cuisine", " Desserts "],
        )
    assert "<script" not in made.body and "onclick" not in made.body
    assert '<a href="https://example.org/tarte"' in made.body
    assert sorted(made.tags.names()) == ["Cuisine", "Desserts"]
    assert announced == [made]
    assert announce_due_posts() == 0  # already announced: never twice


def test_a_non_member_may_not_post_even_in_an_open_community():
    where = community(visibility=Visibility.OPEN)
    with pytest.raises(NotAllowed):
        _publish(where, person())


def test_a_question_needs_a_title_and_an_empty_body_is_refused():
    member = person()
    where = community(members=[member])
    with pytest.raises(Invalid):
        _publish(where, member, kind="question", title="")
    with pytest.raises(Invalid):
        _publish(where, member, body="<script>x</script>")


def test_only_animators_schedule_and_a_scheduled_post_comes_out_once_by_the_task(
    django_capture_on_commit_callbacks, announced
):
    member, animator = person(), person()
    where = community(members=[member], animators=[animator])
    later = timezone.now() + timedelta(hours=1)
    with pytest.raises(NotAllowed):
        _publish(where, member, publish_at=later)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = _publish(where, animator, publish_at=later)
    assert announced == [] and not Post.objects.published().filter(pk=scheduled.pk).exists()
    assert announce_scheduled_posts() == 0

    Post.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_scheduled_posts() == 1
        assert announce_scheduled_posts() == 0
    assert [p.pk for p in announced] == [scheduled.pk]
    assert Post.objects.published().filter(pk=scheduled.pk).exists()


def test_the_scheduler_job_is_in_the_beat_schedule(settings):
    tasks = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "communities.announce_scheduled_posts" in tasks


def test_edits_keep_history_and_only_the_author_or_an_animator_edit():
    author, animator, other = person(), person(), person()
    where = community(members=[author, other], animators=[animator])
    made = _publish(where, author, title="Avant", body="Premier jet")
    with pytest.raises(NotAllowed):
        edit_post(post=made, by=other, title="x", body="y")
    edit_post(post=made, by=author, title="Après", body="Second jet")
    edit_post(post=made, by=animator, title="Après", body="Troisième jet")
    made.refresh_from_db()
    assert made.edited_at is not None and "Troisième" in made.body
    assert [(r.title, r.body) for r in PostRevision.objects.filter(post=made)] == [
        ("Avant", "<p>Premier jet</p>"),
        ("Après", "<p>Second jet</p>"),
    ]


def test_animators_pin_pinned_posts_come_first_and_members_cannot_pin(client):
    member, animator = person(), person()
    where = community(members=[member], animators=[animator])
    pinned = post(where, author=member, publish_at=timezone.now() - timedelta(days=2))
    post(where, author=member)
    with pytest.raises(NotAllowed):
        pin_post(post=pinned, by=member)
    pin_post(post=pinned, by=animator)
    client.force_login(member)
    page = client.get(reverse("communities:posts", args=[where.slug]))
    assert [p.pk for p in page.context["posts"]][0] == pinned.pk
    unpin_post(post=pinned, by=animator)
    page = client.get(reverse("communities:posts", args=[where.slug]))
    assert [p.pk for p in page.context["posts"]][-1] == pinned.pk


def test_delete_removes_the_post_and_its_files():
    author, other = person(), person()
    where = community(members=[author, other])
    made = _publish(where, author, attachments=[SimpleUploadedFile("a.png", PNG)])
    with pytest.raises(NotAllowed):
        delete_post(post=made, by=other)
    delete_post(post=made, by=author)
    assert not Post.objects.filter(pk=made.pk).exists()


def test_a_file_that_is_not_what_its_name_says_is_refused():
    member = person()
    where = community(members=[member])
    with pytest.raises(Invalid):
        _publish(where, member, attachments=[SimpleUploadedFile("a.png", b"<html>")])
    with pytest.raises(Invalid):
        _publish(where, member, attachments=[SimpleUploadedFile("a.exe", b"MZ")])


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.SECRET])
def test_attached_documents_are_private_to_the_communitys_readers(client, visibility):
    member, outsider = person(), person()
    where = community(visibility=visibility, members=[member])
    made = _publish(where, member, attachments=[SimpleUploadedFile("plan.png", PNG)])
    url = made.attachments.get().document.url
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_composer_page_publishes_and_tells_non_members_to_join(client):
    member, reader = person(), person()
    where = community(visibility=Visibility.OPEN, members=[member])
    client.force_login(reader)
    page = client.get(reverse("communities:new_post", args=[where.slug]))
    assert page.status_code == 200 and b'data-testid="join-to-post"' in page.content
    client.force_login(member)
    page = client.get(reverse("communities:new_post", args=[where.slug]))
    assert b"data-mentions" in page.content
    answer = client.post(
        reverse("communities:new_post", args=[where.slug]),
        {
            "kind": "question",
            "title": "Four à pain ?",
            "body": "Qui en a un ?",
            "tags": "four, pain",
            "poll_question": "Quel jour ?",
            "poll_answers": "Lundi\nMardi",
        },
    )
    made = Post.objects.get(title="Four à pain ?")
    assert answer.status_code == 302 and answer["Location"] == made.get_absolute_url()
    assert [c.label for c in made.poll.choices.all()] == ["Lundi", "Mardi"]


def test_the_post_page_shows_edited_mark_and_history_to_readers(client):
    author, reader = person(), person()
    where = community(visibility=Visibility.OPEN, members=[author])
    made = _publish(where, author, body="Premier")
    edit_post(post=made, by=author, title="", body="Second")
    client.force_login(reader)
    page = client.get(made.get_absolute_url())
    assert (
        b"Second" in page.content
        and reverse("communities:post_history", args=[where.slug, made.pk]).encode() in page.content
    )
    history = client.get(reverse("communities:post_history", args=[where.slug, made.pk]))
    assert history.status_code == 200 and b"Premier" in history.content


READERS = {
    Visibility.OPEN: {"member": 200, "outsider": 200, "animator": 200, "admin": 200},
    Visibility.CLOSED: {"member": 200, "outsider": 404, "animator": 200, "admin": 200},
    Visibility.SECRET: {"member": 200, "outsider": 404, "animator": 200, "admin": 200},
}


@pytest.mark.parametrize("visibility", list(READERS))
@pytest.mark.parametrize("who", ["member", "outsider", "animator", "admin"])
@pytest.mark.parametrize("page", ["posts", "new_post", "post", "post_history"])
def test_post_pages_are_for_the_communitys_readers(client, visibility, who, page):
    people = {
        "member": person(),
        "outsider": person(),
        "animator": person(),
        "admin": person(is_superuser=True),
    }
    where = community(visibility=visibility, members=[people["member"]])
    join(where, people["animator"], role="animator")
    made = post(where, author=people["member"])
    args = [where.slug] if page in ("posts", "new_post") else [where.slug, made.pk]
    client.force_login(people[who])
    assert (
        client.get(reverse(f"communities:{page}", args=args)).status_code
        == (READERS[visibility][who])
    )


def test_signed_out_visitors_are_sent_to_sign_in(client):
    where = community()
    made = post(where)
    assert client.get(made.get_absolute_url()).status_code == 302


def test_hidden_and_scheduled_posts_are_404_except_to_moderators_and_author(client):
    author, reader, animator = person(), person(), person()
    where = community(members=[author, reader], animators=[animator])
    hidden = post(where, author=author, hidden_at=timezone.now())
    later = post(where, author=author, publish_at=timezone.now() + timedelta(days=1))
    client.force_login(reader)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(later.get_absolute_url()).status_code == 404
    client.force_login(animator)
    assert client.get(hidden.get_absolute_url()).status_code == 200
    client.force_login(author)
    assert client.get(later.get_absolute_url()).status_code == 200


def _queries(client, url) -> int:
    client.get(url)  # caches warmed (content types, the session's first read)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Session, user, community, memberships, role; the page: count, posts, tags, files; the
# post: reactions (two), the count and page of threads, their replies; the base template's
# navigation. The reader's groups (the moderator check) and unread count come from the cache.
@pytest.mark.parametrize(("page", "queries"), [("posts", 9), ("post", 13)])
def test_sql_count_is_the_same_for_3_and_30_posts_or_comments(client, page, queries):
    reader = person()
    where = community(members=[reader])
    client.force_login(reader)

    def fill(count):
        for number in range(count):
            made = (
                question(where, author=reader, title=f"Q{number}")
                if number % 2
                else post(where, author=reader)
            )
            made.tags.add(f"tag{number}")
            if number % 3 == 0:
                poll(made)
        for number in range(count):  # and as many comments, with a reply each
            top = post_comment(author=reader, target=made, body=f"Réponse {number}")
            post_comment(author=reader, target=made, body="Merci", parent=top)
        return made

    last = fill(3)
    url = (
        reverse("communities:posts", args=[where.slug])
        if page == "posts"
        else last.get_absolute_url()
    )
    small = _queries(client, url)
    fill(27)
    big = _queries(client, url if page == "posts" else last.get_absolute_url())
    assert small == big == queries


def test_the_posts_partial_renders_with_a_page_of_posts_only(rf):
    """What the community page includes: `posts` (and `community`) without a composer."""
    reader = person()
    where = community(members=[reader])
    asked = question(where, author=reader, title="Une question ?")
    request = rf.get("/")
    request.user = reader
    html = render_to_string(
        "communities/includes/community_posts.html",
        {"posts": posts_page(where, reader), "community": where},
        request=request,
    )
    assert asked.get_absolute_url() in html and "Une question ?" in html
    assert reverse("communities:new_post", args=[where.slug]) in html
