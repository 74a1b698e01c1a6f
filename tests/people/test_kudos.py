"""Kudos: a public thank-you for one of the organisation's values, notified by email."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutboxTask
from core.outbox import run_stored_task
from people.models import Kudos, KudosNotification
from people.services import give_kudos
from tests.people.factories import TeamFactory, person, value
from tests.processes import wait_for


@pytest.fixture
def trio(db):
    team = TeamFactory(name="Marketing", slug="marketing")
    manager = person(first_name="Mathilde", last_name="Robert", team=team).profile
    recipient = person(first_name="Camille", last_name="Martin", team=team, manager=manager).profile
    sender = person(first_name="Olivier", last_name="Petit").profile
    return sender, recipient, manager


def run_notifications():
    """What a worker does with the stored notification task (search syncs are not ours)."""
    rows = OutboxTask.objects.filter(task_path="people.tasks.notify_kudos").order_by("pk")
    return [run_stored_task(row.pk) for row in rows]


@pytest.mark.django_db
def test_a_colleague_thanks_someone_and_it_shows_on_their_profile_and_team_page(client, trio):
    sender, recipient, _manager = trio
    client.force_login(sender.user)

    response = client.post(
        reverse("people:kudos", args=[recipient.user.username]),
        {"value": value("Audace").pk, "message": "Merci pour <b>le salon</b> !"},
    )

    assert response.status_code == 302
    kudos = Kudos.objects.get()
    assert (kudos.sender, kudos.recipient, kudos.value.name) == (sender.user, recipient, "Audace")
    profile_page = client.get(reverse("people:profile", args=[recipient.user.username]))
    assert "Merci pour &lt;b&gt;le salon&lt;/b&gt; !" in profile_page.content.decode()
    team_page = client.get(reverse("people:team", args=["marketing"]))
    assert "Merci pour &lt;b&gt;le salon&lt;/b&gt; !" in team_page.content.decode()


@pytest.mark.django_db
def test_kudos_need_a_message_and_a_value_and_never_go_to_oneself(client, trio):
    sender, recipient, _ = trio
    client.force_login(sender.user)
    url = reverse("people:kudos", args=[recipient.user.username])

    assert client.post(url, {"value": value().pk, "message": "  "}).status_code == 400
    assert client.post(url, {"message": "Merci"}).status_code == 400
    own = client.post(
        reverse("people:kudos", args=[sender.user.username]),
        {"value": value().pk, "message": "Bravo moi"},
    )
    assert own.status_code == 400
    assert "You cannot thank yourself." in own.content.decode() or "vous-même" in (
        own.content.decode()
    )
    assert not Kudos.objects.exists()


@pytest.mark.django_db
def test_the_recipient_and_their_manager_are_emailed_once_even_if_the_task_runs_again(trio):
    sender, recipient, manager = trio

    give_kudos(sender=sender.user, recipient=recipient, value=value(), message="Bravo")
    assert mail.outbox == [], "nothing is sent before the transaction commits and a worker runs"

    assert run_notifications() == ["done"]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([recipient.user.email, manager.user.email])
    to_recipient = next(m for m in mail.outbox if m.to == [recipient.user.email])
    assert to_recipient.body.count("Olivier Petit vous a remercié·e pour la valeur") == 1
    assert "« Bravo »" in to_recipient.body
    to_manager = next(m for m in mail.outbox if m.to == [manager.user.email])
    assert "Camille Martin, qui dépend de vous" in to_manager.body
    roles = dict(KudosNotification.objects.values_list("user__email", "role"))
    assert roles == {recipient.user.email: "recipient", manager.user.email: "manager"}

    # A redelivered or retried task sends nothing more.
    from people.tasks import notify_kudos

    assert notify_kudos.call(Kudos.objects.get().pk) == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_refused_email_is_retried_alone_and_nobody_is_thanked_twice(trio, smtp_server):
    sender, recipient, manager = trio
    give_kudos(sender=sender.user, recipient=recipient, value=value(), message="Bravo")
    smtp_server.refused.add(recipient.user.email)  # the first of the two to be mailed

    assert run_notifications() == ["done"]  # the manager's email is not undone
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [manager.user.email]

    smtp_server.refused.clear()
    assert run_notifications() == ["skipped", "done"]  # the retry, after its back-off

    for person_ in (recipient, manager):
        assert len(smtp_server.to(person_.user.email)) == 1
    assert KudosNotification.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_kudos_notifications_are_delivered_by_a_real_worker(celery_worker, trio):
    sender, recipient, manager = trio

    kudos = give_kudos(sender=sender.user, recipient=recipient, value=value(), message="Top")

    row = wait_for(
        lambda: OutboxTask.objects.filter(
            task_path="people.tasks.notify_kudos", finished_at__isnull=False
        ).first(),
        message="the worker never ran the notification",
    )
    assert row.args == [kudos.pk] and row.attempts == 1
    notified = set(KudosNotification.objects.filter(kudos=kudos).values_list("user_id", "role"))
    assert notified == {(recipient.user_id, "recipient"), (manager.user_id, "manager")}


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_notification_at_once_send_each_email_once(trio):
    import threading

    from django.db import connection, transaction

    from people.tasks import notify_kudos

    sender, recipient, _ = trio
    kudos = give_kudos(sender=sender.user, recipient=recipient, value=value(), message="Merci")
    mail.outbox.clear()
    barrier, results = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(notify_kudos.call(kudos.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(results) == 2 and sum(results) == 2
    assert len(mail.outbox) == 2
    assert KudosNotification.objects.filter(kudos=kudos).count() == 2
