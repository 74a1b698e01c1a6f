"""Deliver once: an email recorded as delivered stays recorded when the transaction that sent
it rolls back (as a killed worker's does), so that a retry never sends it again."""

import pytest
from django.core.mail import send_mail
from django.db import transaction

from core.delivery import deliver_once
from core.models import Delivery


def mail(to: str):
    return lambda: send_mail("Rappel", "Atelier demain", None, [to])


@pytest.mark.django_db(transaction=True)
def test_a_delivery_made_in_a_transaction_rolled_back_afterwards_is_not_repeated(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert deliver_once(key="reminder:1", send=mail("ana@example.org"))
        raise RuntimeError("the worker died before the task committed")

    assert Delivery.objects.filter(key="reminder:1").exists()
    with transaction.atomic():
        assert not deliver_once(key="reminder:1", send=mail("ana@example.org"))
        assert deliver_once(key="reminder:2", send=mail("bob@example.org"))
    assert sorted(message["To"] for message in smtp_server.messages) == [
        "ana@example.org",
        "bob@example.org",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_send_that_fails_records_nothing_so_the_retry_sends(smtp_server):
    smtp_server.refused.add("ana@example.org")
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - the SMTP refusal
        deliver_once(key="reminder:3", send=mail("ana@example.org"))

    assert not Delivery.objects.filter(key="reminder:3").exists()
    smtp_server.refused.clear()
    assert deliver_once(key="reminder:3", send=mail("ana@example.org"))
    assert [message["To"] for message in smtp_server.messages] == ["ana@example.org"]
