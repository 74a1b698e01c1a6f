"""Posting a notice: once per person and event, its email once, even when the task that
posts it runs twice at the same time."""

import pytest

from notifications.models import Notification
from notifications.services import notify
from tests.factories import UserFactory
from tests.ideas.concurrency import run_in_threads


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_the_same_event_at_once_post_and_email_each_notice_once(smtp_server):
    readers = [UserFactory(username=f"r{n}") for n in range(5)]
    ids = [reader.pk for reader in readers]

    outcomes = run_in_threads(
        4,
        lambda n: notify(
            recipient_ids=ids, key="ideas:answer:42", message="L'idée est retenue", url="/i/"
        ),
    )

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == len(readers)
    assert Notification.objects.filter(key="ideas:answer:42").count() == len(readers)
    for reader in readers:
        [message] = smtp_server.to(reader.email)
        assert message["Subject"] == "[Ruche] L'idée est retenue"
        assert "http://127.0.0.1:8000/i/" in smtp_server.body(message)


@pytest.mark.django_db
def test_a_notice_for_a_deactivated_person_is_kept_but_not_emailed(smtp_server):
    gone = UserFactory(username="parti", is_active=False)

    assert notify(recipient_ids=[gone.pk], key="test:gone", message="Bonjour") == 0

    assert smtp_server.messages == []
    assert Notification.objects.filter(recipient=gone, key="test:gone").exists()
