"""An action's life: progress told to its followers once per update, completion with its
outcome, who may change it, follows that never double, and the daily nudge when overdue."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from core.models import OutboxTask
from core.outbox import run_stored_task
from insights.actions.models import ActionFollow, ActionUpdate
from insights.actions.notices import nudge_overdue_action_owners
from insights.actions.services import action_follow, action_record_progress
from notifications.models import Notification
from tests.ideas.concurrency import run_in_threads
from tests.insights.actions.factories import action
from tests.insights.factories import communicator
from tests.people.factories import person

TASK = "insights.actions.tasks.deliver_update_notices"


def run_update_tasks() -> None:
    for row in OutboxTask.objects.filter(task_path=TASK, finished_at__isnull=True).order_by("pk"):
        assert run_stored_task(row.pk) == "done", row.last_error


def notified(key_part: str) -> list[str]:
    return sorted(
        Notification.objects.filter(key__contains=key_part).values_list(
            "recipient__username", flat=True
        )
    )


@pytest.mark.django_db
def test_followers_hear_of_each_update_once_and_of_completion(client):
    claire, olivier = communicator(username="claire"), person(username="olivier")
    fan = person(username="fan")
    plan = action(opener=claire, owner=olivier, public=True)
    action_follow(action=plan, user=fan)
    mail.outbox.clear()

    client.force_login(olivier)
    client.post(
        f"/insights/actions/{plan.pk}/progress/", {"status": "in_progress", "note": "Devis reçu"}
    )
    run_update_tasks()
    run_stored_task(OutboxTask.objects.filter(task_path=TASK).latest("pk").pk)  # a re-run: nothing
    first = ActionUpdate.objects.get()

    # The owner wrote it: the opener and the follower are told, once each.
    assert notified(f"insights_actions:update:{first.pk}") == ["claire", "fan"]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "claire@example.org",
        "fan@example.org",
    ]

    client.post(
        f"/insights/actions/{plan.pk}/progress/",
        {"status": "done", "outcome": "40 places de plus au parking B"},
    )
    run_update_tasks()
    done = ActionUpdate.objects.latest("pk")
    plan.refresh_from_db()

    assert (plan.status, plan.outcome) == ("done", "40 places de plus au parking B")
    assert plan.closed_at is not None
    assert notified(f"insights_actions:update:{done.pk}") == ["claire", "fan"]
    notice = Notification.objects.get(key=f"insights_actions:update:{done.pk}", recipient=fan)
    assert "40 places de plus au parking B" in notice.message
    assert notice.url == f"/insights/actions/{plan.pk}/"
    assert Notification.objects.filter(recipient=fan).count() == 2


@pytest.mark.django_db
def test_done_needs_its_outcome(client):
    claire = communicator(username="claire")
    plan = action(opener=claire)
    client.force_login(claire)

    response = client.post(f"/insights/actions/{plan.pk}/progress/", {"status": "done"})

    assert response.status_code == 400
    assert "Dites ce qui a été fait" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "planned"
    assert not ActionUpdate.objects.exists()


@pytest.mark.django_db
def test_only_its_owner_its_opener_and_communicators_change_an_action(client):
    boss, olivier, fan = person(username="boss"), person(username="olivier"), person(username="f")
    plan = action(opener=communicator(username="claire"), owner=olivier, public=True)
    action_follow(action=plan, user=fan)
    progress = f"/insights/actions/{plan.pk}/progress/"

    client.force_login(fan)
    assert client.get(f"/insights/actions/{plan.pk}/").status_code == 200
    assert client.post(progress, {"status": "dropped", "note": "Non"}).status_code == 403
    assert client.get(f"/insights/actions/{plan.pk}/edit/").status_code == 403
    client.force_login(olivier)
    assert client.post(progress, {"status": "in_progress", "note": "Go"}).status_code == 302
    assert client.get(f"/insights/actions/{plan.pk}/edit/").status_code == 200
    edited = client.post(
        f"/insights/actions/{plan.pk}/edit/",
        {"title": "Parking à vélos", "owner": "boss", "due_on": plan.due_on.isoformat()},
    )
    assert edited.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.owner, plan.public) == ("Parking à vélos", boss, False)
    assert ActionFollow.objects.filter(action=plan, user=boss).exists()  # the new owner follows


@pytest.mark.django_db
def test_a_private_action_is_not_found_by_other_employees(client):
    plan = action(opener=communicator(username="claire"))
    client.force_login(person(username="emma"))

    assert client.get(f"/insights/actions/{plan.pk}/").status_code == 404
    assert client.post(f"/insights/actions/{plan.pk}/follow/").status_code == 404


@pytest.mark.django_db
def test_following_twice_keeps_one_follow_and_unfollowing_removes_it(client):
    plan = action(opener=communicator(username="claire"), public=True)
    emma = person(username="emma")
    client.force_login(emma)

    for _ in range(2):
        assert client.post(f"/insights/actions/{plan.pk}/follow/").status_code == 302

    assert ActionFollow.objects.filter(action=plan, user=emma).count() == 1
    assert "Ne plus suivre" in client.get(f"/insights/actions/{plan.pk}/").content.decode()
    client.post(f"/insights/actions/{plan.pk}/unfollow/")
    client.post(f"/insights/actions/{plan.pk}/unfollow/")
    assert not ActionFollow.objects.filter(action=plan, user=emma).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_follows_never_double():
    plan = action(opener=communicator(username="claire"), public=True)
    emma = person(username="emma")

    outcomes = run_in_threads(8, lambda _n: action_follow(action=plan, user=emma))

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert outcomes.count(True) == 1
    assert ActionFollow.objects.filter(action=plan, user=emma).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_status_changes_are_each_recorded_against_the_status_before():
    claire = communicator(username="claire")
    plan = action(opener=claire)
    statuses = ["in_progress", "dropped", "planned", "in_progress"]

    outcomes = run_in_threads(
        4,
        lambda n: action_record_progress(action=plan, author=claire, status=statuses[n]),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    chain = list(ActionUpdate.objects.order_by("pk").values_list("status_from", "status_to"))
    changes = [pair for pair in chain if pair[1]]
    # Each change starts from the status the one before left (no lost or forked change).
    previous = "planned"
    for status_from, status_to in changes:
        assert status_from == previous
        previous = status_to
    plan.refresh_from_db()
    assert plan.status == previous
    connection.close()


@pytest.mark.django_db
def test_an_overdue_action_nudges_its_owner_once_a_day():
    olivier = person(username="olivier")
    today = timezone.localdate()
    late = action(opener=communicator(username="claire"), owner=olivier)
    late.due_on = today - timedelta(days=2)
    late.save(update_fields=["due_on"])
    on_time = action(opener=olivier, title="À l'heure")
    done = action(opener=olivier, title="Fini")
    action_record_progress(action=done, author=olivier, status="done", outcome="Fait")
    done.due_on = today - timedelta(days=5)
    done.save(update_fields=["due_on"])
    mail.outbox.clear()

    first = nudge_overdue_action_owners(today=today)
    again = nudge_overdue_action_owners(today=today)
    tomorrow = nudge_overdue_action_owners(today=today + timedelta(days=1))

    assert (first, again, tomorrow) == (1, 0, 1)
    nudges = Notification.objects.filter(key__startswith="insights_actions:overdue:")
    assert sorted(nudges.values_list("recipient__username", flat=True)) == ["olivier"] * 2
    assert {n.key.split(":")[2] for n in nudges} == {str(late.pk)}
    assert on_time.pk != late.pk
    assert [message.to[0] for message in mail.outbox] == ["olivier@example.org"] * 2
