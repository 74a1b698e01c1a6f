"""Owner answers notify the people concerned, once, within the audience, never naming
an anonymous author; the notices live in the shared notification centre."""

import pytest
from django.core import mail
from django.db import transaction

from core.models import OutboxTask
from core.outbox import run_stored_task
from ideas.models import Follow, StatusChange
from ideas.services import (
    NotAllowed,
    add_comment,
    answer_idea,
    cast_vote,
    follow,
    submit_idea,
)
from notifications.models import Notification
from tests.ideas.factories import challenge, idea
from tests.mail import SERVER as SMTP
from tests.people.factories import TeamFactory, person
from tests.processes import wait_for


def run_notification_tasks() -> None:
    for row in OutboxTask.objects.filter(
        task_path="ideas.tasks.deliver_notifications", finished_at__isnull=True
    ).order_by("pk"):
        assert run_stored_task(row.pk) == "done", row.last_error


@pytest.fixture
def it(db):
    return TeamFactory(name="IT")


def test_an_answer_reaches_authors_voters_and_followers_once(it, owner):
    campaign = challenge(owner=owner, phase="open", audience=[it])
    author, co_author, voter, fan = (
        person(username=name, team=it) for name in ("a", "co", "v", "fan")
    )
    target = idea(campaign, author=author)
    target.co_authors.add(co_author)
    cast_vote(user=voter, idea=target)
    follow(user=fan, idea=target)
    mail.outbox.clear()

    change = answer_idea(user=owner, idea=target, status="selected", message="Retenue !")
    run_notification_tasks()
    run_stored_task(OutboxTask.objects.order_by("-pk").first().pk)  # a re-run sends nothing

    notified = set(
        Notification.objects.filter(key=f"ideas:answer:{change.pk}").values_list(
            "recipient__username", flat=True
        )
    )
    assert notified == {"a", "co", "v", "fan"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"{name}@example.org" for name in ("a", "co", "v", "fan")
    )
    assert "Selected" in mail.outbox[0].subject or "Retenue" in mail.outbox[0].subject


def test_running_the_same_task_twice_never_sends_twice(it, owner):
    from ideas.tasks import deliver_notifications

    campaign = challenge(owner=owner, phase="open")
    target = idea(campaign, author=person(username="a", team=it))
    change = StatusChange.objects.create(
        idea=target, from_status="submitted", to_status="rejected", message="Non", author=owner
    )
    mail.outbox.clear()

    deliver_notifications.call(f"answer:{change.pk}", target.pk, owner.pk)
    deliver_notifications.call(f"answer:{change.pk}", target.pk, owner.pk)

    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_people_who_left_the_audience_are_not_emailed(it, owner):
    campaign = challenge(owner=owner, phase="open", audience=[it])
    moved = person(username="moved", team=it)
    target = idea(campaign, author=person(username="a", team=it))
    follow(user=moved, idea=target)
    moved.profile.team = TeamFactory(name="RH")
    moved.profile.save()
    mail.outbox.clear()

    answer_idea(user=owner, idea=target, status="under_review", message="On regarde")
    run_notification_tasks()

    assert "moved@example.org" not in [message.to[0] for message in mail.outbox]
    assert not Notification.objects.filter(recipient=moved).exists()


def test_emails_never_name_an_anonymous_author(it, owner, smtp_server):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    author = person(username="secret", team=it)
    author.last_name = "Mystère"
    author.save()
    fan = person(username="fan", team=it)
    follow(user=fan, challenge=campaign)

    target = submit_idea(
        user=author, challenge=campaign, title="Chut", description="Texte", anonymous=True
    )
    answer_idea(user=owner, idea=target, status="selected", message="Bravo")
    run_notification_tasks()

    assert smtp_server.to("fan@example.org"), "the follower was not mailed over SMTP"
    for message in smtp_server.messages:
        text = message["Subject"] + smtp_server.body(message)
        assert "Mystère" not in text
        assert "secret" not in text


def test_a_new_idea_notifies_the_owner_and_the_challenge_followers(it, owner):
    campaign = challenge(owner=owner, phase="open")
    fan = person(username="fan", team=it)
    follow(user=fan, challenge=campaign)
    mail.outbox.clear()

    submit_idea(
        user=person(username="a", team=it), challenge=campaign, title="Wiki", description="x"
    )
    run_notification_tasks()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "fan@example.org",
        "owner@example.org",
    ]


def test_a_comment_notifies_followers_but_not_its_writer_and_waits_for_the_digest(it, owner):
    campaign = challenge(owner=owner, phase="open")
    author, talker = person(username="a", team=it), person(username="talker", team=it)
    target = idea(campaign, author=author)
    Follow.objects.create(user=author, idea=target)
    mail.outbox.clear()

    add_comment(user=talker, idea=target, body="Super idée")
    run_notification_tasks()

    notice = Notification.objects.get(kind="ideas")
    assert notice.recipient == author
    assert not notice.immediate and notice.emailed_at is None
    assert mail.outbox == [], "comments are summed up in the digest, not emailed one by one"
    assert Follow.objects.filter(user=talker, idea=target).exists()


def test_only_the_owner_or_an_administrator_answers(it, owner):
    campaign = challenge(owner=owner, phase="open")
    target = idea(campaign)

    with pytest.raises(NotAllowed):
        answer_idea(
            user=person(username="x", team=it), idea=target, status="selected", message="Oui"
        )
    admin = person(username="boss")
    admin.is_superuser = True
    admin.save()
    answer_idea(user=admin, idea=target, status="selected", message="Oui")
    target.refresh_from_db()
    assert target.status == "selected"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_notifications_after_commit(celery_worker):
    SMTP.inbox.clear()
    owner = person(username="owner")
    campaign = challenge(owner=owner, phase="open")
    author = person(username="a")
    target = idea(campaign, author=author)

    with transaction.atomic():
        change = answer_idea(user=owner, idea=target, status="selected", message="Oui")

    notice = wait_for(
        lambda: (
            Notification.objects.filter(key=f"ideas:answer:{change.pk}", recipient=author)
            .exclude(emailed_at=None)
            .first()
        ),
        message="the worker never delivered the notification",
    )
    assert notice.url == f"/ideas/{target.pk}/"
    # The worker's email went out over SMTP and reached the suite's server once.
    received = wait_for(lambda: SMTP.inbox.to(author.email), message="no email received")
    assert len(received) == 1
    assert target.title in received[0]["Subject"]
    # Let the worker finish its other tasks (indexing) before the tables are flushed.
    wait_for(lambda: not OutboxTask.objects.filter(attempts=0).exists(), timeout=60)


def test_my_notifications_page_lists_them_and_marks_them_read(client, it, owner):
    campaign = challenge(owner=owner, phase="open")
    author = person(username="a", team=it)
    target = idea(campaign, author=author)
    answer_idea(user=owner, idea=target, status="selected", message="Oui")
    run_notification_tasks()
    client.force_login(author)

    assert client.get("/ideas/notifications/").url == "/notifications/"
    page = client.get("/notifications/").content.decode()
    client.post("/notifications/read-all/")

    assert f'href="/ideas/{target.pk}/"' in page
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()
    client.force_login(person(username="other", team=it))
    assert f"/ideas/{target.pk}/" not in client.get("/notifications/").content.decode()
