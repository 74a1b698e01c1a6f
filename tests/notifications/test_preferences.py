"""Preferences: each person chooses in-app only, a daily or a weekly digest, and the language
of their email; immediate emails follow that choice."""

import re

import pytest
from django.core import mail

from notifications.models import Cadence, Notification, Preference
from notifications.selectors import preference_for
from notifications.services import notify
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_update, sections
from tests.notifications.factories import prefers
from tests.people.factories import UserFactory, person, value

pytestmark = pytest.mark.django_db


def test_people_get_the_weekly_digest_until_they_choose(client):
    user = UserFactory()
    client.force_login(user)

    html = client.get("/notifications/preferences/").content.decode()

    assert preference_for(user).cadence == Cadence.WEEKLY
    assert re.search(r'<input type="radio" name="cadence" value="weekly"[^>]* checked', html)
    assert '<label for="id_language">' in html


def test_a_person_chooses_the_daily_digest_in_english(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/notifications/preferences/", {"cadence": "daily", "language": "en"}, follow=True
    )

    assert response.status_code == 200
    saved = Preference.objects.get(user=user)
    assert (saved.cadence, saved.language) == ("daily", "en")


def test_a_bad_choice_is_refused_clearly_and_keeps_the_saved_one(client):
    user = UserFactory()
    prefers(user, "daily")
    client.force_login(user)

    response = client.post("/notifications/preferences/", {"cadence": "hourly", "language": "xx"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_cadence_0"' in html
    assert 'aria-describedby="id_language-error"' in html
    assert Preference.objects.get(user=user).cadence == "daily"


def test_in_app_only_gets_the_notice_but_no_email(settings):
    quiet, weekly, daily = UserFactory(), UserFactory(), UserFactory()
    prefers(quiet, Cadence.IN_APP)
    prefers(daily, Cadence.DAILY)
    mail.outbox.clear()

    sent = notify(
        recipient_ids=[quiet.pk, weekly.pk, daily.pk],
        key="test:important",
        message="Votre idée est retenue",
        url="/ideas/1/",
    )

    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([weekly.email, daily.email])
    assert Notification.objects.filter(key="test:important").count() == 3
    assert Notification.objects.get(recipient=quiet).emailed_at is None


def test_a_notice_that_waits_for_the_digest_is_not_emailed_at_once():
    user = UserFactory()
    mail.outbox.clear()

    notify(recipient_ids=[user.pk], key="test:minor", message="Un commentaire", immediate=False)

    assert mail.outbox == []
    assert Notification.objects.get(recipient=user).immediate is False


def test_notices_and_emails_speak_each_persons_language():
    owner = person(username="owner")
    english, french = person(username="english"), person(username="french")
    prefers(english, Cadence.WEEKLY, language="en")
    target = idea(challenge(owner=owner, phase="open"), author=english, title="Vélo")
    target.co_authors.add(french)
    from ideas.models import StatusChange
    from ideas.notifications import deliver

    change = StatusChange.objects.create(
        idea=target, from_status="submitted", to_status="selected", message="Oui", author=owner
    )
    mail.outbox.clear()

    deliver(f"answer:{change.pk}", target.pk, owner.pk)

    messages = {n.recipient.username: n.message for n in Notification.objects.all()}
    assert messages["english"] == "The idea “Vélo” is now: Selected"
    assert messages["french"] == "L'idée « Vélo » est maintenant : Retenue"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Selected" in subjects[english.email]
    assert "Retenue" in subjects[french.email]


def test_kudos_to_someone_reading_in_the_app_only_are_not_emailed():
    from core.models import OutboxTask
    from core.outbox import run_stored_task
    from people.services import give_kudos

    sender, recipient = person(first_name="Olivier").profile, person(first_name="Camille").profile
    prefers(recipient.user, Cadence.IN_APP)
    mail.outbox.clear()

    give_kudos(sender=sender.user, recipient=recipient, value=value(), message="Bravo")
    for row in OutboxTask.objects.filter(task_path="people.tasks.notify_kudos"):
        assert run_stored_task(row.pk) == "done"

    assert mail.outbox == []
    notice = Notification.objects.get(recipient=recipient.user)
    assert notice.kind == "kudos" and notice.url.endswith(
        f"#kudos-{recipient.kudos_received.get().pk}"
    )


def test_a_leadership_answer_reaches_the_centre_and_follows_the_preference():
    from core.models import OutboxTask
    from core.outbox import run_stored_task
    from news.models import Question
    from news.services.questions import answer_question

    sections()
    update = publish_update()
    leader = person(username="leader", is_superuser=True)
    asker, quiet = person(username="asker"), person(username="quiet")
    prefers(quiet, Cadence.IN_APP)
    questions = [
        Question.objects.create(author=who, body=f"Et la cantine, {who}?", update=update)
        for who in (asker, quiet)
    ]
    mail.outbox.clear()

    for question in questions:
        answer_question(leader=leader, question=question, answer="Elle rouvre lundi.")
    for row in OutboxTask.objects.filter(task_path="news.tasks.notify_question_answered"):
        assert run_stored_task(row.pk) == "done"

    assert [m.to for m in mail.outbox] == [[asker.email]]
    assert Notification.objects.filter(kind="question").count() == 2
    assert Notification.objects.get(recipient=asker).emailed_at is not None
