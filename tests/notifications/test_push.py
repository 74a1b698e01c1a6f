"""Web Push: an important notice reaches each browser its reader turned push on in, once,
saying no more than the notice says in the app; never a browser of someone who turned push
off or may not read it; a browser the push service says is gone is forgotten; a push service
that is down delays the push, it never loses it. Against a real push service on loopback
(tests/notifications/push_service.py), which checks the VAPID signature and decrypts."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from communities.models import Membership, Visibility
from communities.services.posts import publish_post
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.models import Notification, PushSubscription
from notifications.services import notify, save_preference, subscribe_push
from tests.communities.factories import community
from tests.notifications.push_service import Browser, PushService
from tests.people.factories import person
from tests.processes import wait_for

PUSH_TASK = "notifications.tasks.push_pending_notices"


@pytest.fixture
def push_service():
    service = PushService()
    service.start()
    yield service
    service.stop()


def subscribed(user, browser: Browser) -> PushSubscription:
    keys = browser.subscription()["keys"]
    return subscribe_push(
        user=user, endpoint=browser.endpoint, p256dh=keys["p256dh"], auth=keys["auth"]
    )


def run_pushes() -> list[str]:
    """Run the first attempts of the push tasks waiting, as the outbox's worker would (a
    retry waits for its back-off: tests run it themselves)."""
    return [
        run_stored_task(row.pk)
        for row in OutboxTask.objects.pending()
        .filter(task_path=PUSH_TASK, kwargs__attempt=1)
        .order_by("pk")
    ]


def run_community_notices() -> None:
    for row in OutboxTask.objects.filter(
        task_path="communities.tasks.deliver_notices", finished_at__isnull=True
    ).order_by("pk"):
        assert run_stored_task(row.pk) == "done", row.last_error


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_mention_reaches_the_browser_of_the_person_mentioned_once(celery_worker, push_service):
    author, camille = person(username="auteur"), person(username="camille")
    phone, authors_laptop = push_service.browser(), push_service.browser()
    subscribed(camille, phone)
    subscribed(author, authors_laptop)
    kitchen = community(name="Cuisine", members=[author, camille])

    with transaction.atomic():
        post = publish_post(
            community=kitchen,
            author=author,
            kind="post",
            title="Le four à pain",
            body="<p>@camille tu viens samedi ?</p>",
        )

    wait_for(lambda: phone.received, timeout=60, message="no push reached the browser")
    # Let the worker finish everything the post caused, then count.
    wait_for(lambda: not OutboxTask.objects.filter(finished_at=None).exists(), timeout=60)
    notice = Notification.objects.get(recipient=camille, key=f"communities:mention:{post.pk}")
    assert phone.received == [
        {
            "title": "Ruche",
            "body": notice.message,
            "url": f"http://127.0.0.1:8000{post.get_absolute_url()}",
            "tag": f"ruche-notice-{notice.pk}",
        }
    ]
    assert "Le four à pain" in notice.message
    assert authors_laptop.received == []  # nobody is told of what they did themselves
    assert push_service.refused == []
    notice.refresh_from_db()
    assert notice.pushed_at is not None
    assert PushSubscription.objects.get(endpoint=phone.endpoint).last_success_at is not None


@pytest.mark.django_db
def test_every_browser_of_a_person_gets_an_immediate_notice_and_a_digest_one_pushes_nothing(
    push_service,
):
    reader = person(username="lecteur")
    phone, laptop = push_service.browser(), push_service.browser()
    subscribed(reader, phone)
    subscribed(reader, laptop)

    notify(recipient_ids=[reader.pk], key="test:now", message="Votre idée est retenue", url="/i/")
    notify(recipient_ids=[reader.pk], key="test:later", message="Un commentaire", immediate=False)
    assert run_pushes() == ["done"]

    for browser in (phone, laptop):
        assert [push["body"] for push in browser.received] == ["Votre idée est retenue"]
        assert browser.received[0]["url"] == "http://127.0.0.1:8000/i/"
    assert push_service.refused == []


@pytest.mark.django_db
def test_nothing_is_pushed_to_a_person_who_turned_push_off(push_service):
    off, on = person(username="silence"), person(username="bruit")
    off_phone, on_phone = push_service.browser(), push_service.browser()
    subscribed(off, off_phone)
    subscribed(on, on_phone)
    save_preference(user=off, cadence="weekly", push=False)

    notify(recipient_ids=[off.pk, on.pk], key="test:choice", message="Réponse à votre idée")
    run_pushes()

    assert off_phone.received == []
    assert len(on_phone.received) == 1
    assert Notification.objects.filter(recipient=off, key="test:choice").exists()  # in the app


@pytest.mark.django_db
def test_a_mention_in_a_secret_community_pushes_to_its_members_only(
    push_service, django_capture_on_commit_callbacks
):
    author, member, outsider = (
        person(username="auteur"),
        person(username="membre"),
        person(username="dehors"),
    )
    member_phone, outsider_phone = push_service.browser(), push_service.browser()
    subscribed(member, member_phone)
    subscribed(outsider, outsider_phone)
    secret = community(name="Projet X", visibility=Visibility.SECRET, members=[author, member])

    with django_capture_on_commit_callbacks(execute=True):
        publish_post(
            community=secret,
            author=author,
            kind="post",
            title="Rachat confidentiel",
            body="<p>@membre @dehors lisez ceci</p>",
        )
    run_community_notices()
    run_pushes()

    assert len(member_phone.received) == 1
    assert "Rachat confidentiel" in member_phone.received[0]["body"]
    assert outsider_phone.received == []
    assert not Notification.objects.filter(recipient=outsider).exists()


@pytest.mark.django_db
def test_a_notice_about_what_its_reader_may_no_longer_see_is_not_pushed(
    push_service, django_capture_on_commit_callbacks
):
    author, member = person(username="auteur"), person(username="membre")
    phone = push_service.browser()
    subscribed(member, phone)
    secret = community(name="Projet X", visibility=Visibility.SECRET, members=[author, member])
    with django_capture_on_commit_callbacks(execute=True):
        publish_post(
            community=secret, author=author, kind="post", title="Plan", body="<p>@membre vois</p>"
        )
    run_community_notices()
    Membership.objects.filter(community=secret, user=member).delete()  # left before the push

    run_pushes()

    assert phone.received == []
    notice = Notification.objects.get(recipient=member)
    assert notice.pushed_at is not None  # settled: it will not be pushed later either


@pytest.mark.django_db
@pytest.mark.parametrize("status", [404, 410])
def test_a_browser_the_push_service_says_is_gone_is_forgotten(push_service, status):
    reader = person(username="lecteur")
    gone, kept = push_service.browser(), push_service.browser()
    subscribed(reader, gone)
    subscribed(reader, kept)
    push_service.answer(gone, status)

    notify(recipient_ids=[reader.pk], key="test:gone", message="Bonjour")
    assert run_pushes() == ["done"]

    assert not PushSubscription.objects.filter(endpoint=gone.endpoint).exists()
    assert PushSubscription.objects.filter(endpoint=kept.endpoint).exists()
    assert len(kept.received) == 1
    assert Notification.objects.get(key="test:gone").pushed_at is not None
    assert run_pushes() == []  # nothing left to retry


@pytest.mark.django_db
def test_a_push_service_that_is_down_delays_the_push_and_never_loses_nor_doubles_it(
    push_service,
):
    reader = person(username="lecteur")
    phone = push_service.browser()
    subscription = subscribed(reader, phone)
    push_service.stop()

    notify(recipient_ids=[reader.pk], key="test:down", message="Atelier demain")
    assert run_pushes() == ["done"]  # the failure is handed on, not raised

    notice = Notification.objects.get(key="test:down")
    assert notice.pushed_at is None
    subscription.refresh_from_db()
    assert subscription.failure_count == 1  # kept: a push service down says nothing of it
    retry = OutboxTask.objects.get(task_path=PUSH_TASK, finished_at__isnull=True)
    assert retry.next_attempt_at > timezone.now()  # after a back-off
    assert retry.kwargs["attempt"] == 2

    push_service.start()
    assert run_stored_task(retry.pk) == "done"
    assert run_stored_task(retry.pk) == "skipped"
    assert run_pushes() == []

    assert [push["body"] for push in phone.received] == ["Atelier demain"]
    notice.refresh_from_db()
    assert notice.pushed_at is not None
    subscription.refresh_from_db()
    assert subscription.failure_count == 0 and subscription.last_success_at is not None


@pytest.mark.django_db
def test_a_rerun_of_the_same_event_pushes_nothing_again(push_service):
    reader = person(username="lecteur")
    phone = push_service.browser()
    subscribed(reader, phone)

    for _run in range(2):
        notify(recipient_ids=[reader.pk], key="test:twice", message="Une fois")
        run_pushes()

    assert len(phone.received) == 1


@pytest.mark.django_db
def test_people_without_a_browser_cost_no_push_task(push_service):
    readers = [person(username=f"r{n}") for n in range(3)]

    notify(recipient_ids=[reader.pk for reader in readers], key="test:none", message="Bonjour")

    assert not OutboxTask.objects.filter(task_path=PUSH_TASK).exists()


@pytest.mark.django_db
def test_a_subscription_whose_key_is_no_point_of_the_curve_is_dropped_unpushed(push_service):
    reader = person(username="lecteur")
    phone = push_service.browser()
    keys = phone.subscription()["keys"]
    subscribe_push(user=reader, endpoint=phone.endpoint, p256dh="B" + "A" * 86, auth=keys["auth"])

    notify(recipient_ids=[reader.pk], key="test:bad-key", message="Bonjour")
    assert run_pushes() == ["done"]

    assert not PushSubscription.objects.exists()
    assert phone.received == []
    assert Notification.objects.get(key="test:bad-key").pushed_at is not None
