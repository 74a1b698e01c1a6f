"""Digests: sent on each person's cadence, holding only what they may see, never twice."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from ideas.models import StatusChange
from notifications.digests import window_for
from notifications.jobs import send_digests
from notifications.models import Cadence, DigestRun
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.mail import SERVER, free_port
from tests.news.factories import publish_news, publish_update, sections
from tests.notifications.factories import midweek_noon, notice, prefers, published_at
from tests.people.factories import TeamFactory, guest, person

NOW = midweek_noon()
DAILY = window_for("daily", NOW)
WEEKLY = window_for("weekly", NOW)
YESTERDAY = DAILY.start + timedelta(hours=10)
LAST_WEEK = WEEKLY.start + timedelta(hours=10)  # in last week's digest, not yesterday's
HOUR = timedelta(hours=1)


@pytest.fixture
def world(db):
    """A reader in IT, and content around them: some theirs to see, some not."""
    sections()
    it, hr = TeamFactory(name="IT"), TeamFactory(name="HR")
    reader = person(username="reader", team=it)
    prefers(reader, Cadence.DAILY, language="en")
    owner = person(username="owner")
    published_at(publish_news(title="<b>Café</b> & co pour IT", audience=[it]), YESTERDAY)
    published_at(publish_news(title="Pour tout le monde"), YESTERDAY)
    published_at(publish_news(title="Réservé aux RH", audience=[hr]), YESTERDAY)
    private = published_at(publish_news(title="Comité secret"), YESTERDAY)
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Comité"))
    published_at(publish_news(title="Trop ancienne"), DAILY.start - 3 * 24 * HOUR)
    challenge(
        owner=owner,
        title="Défi IT bientôt clos",
        audience=[it],
        phase="open",
        opens_at=NOW - 10 * 24 * HOUR,
        closes_at=NOW + 5 * HOUR,
    )
    challenge(
        owner=owner,
        title="Défi RH bientôt clos",
        audience=[hr],
        phase="open",
        opens_at=NOW - 10 * 24 * HOUR,
        closes_at=NOW + 5 * HOUR,
    )
    challenge(
        owner=owner,
        title="Défi qui ouvre demain",
        phase="open",
        opens_at=NOW + 6 * HOUR,
        closes_at=NOW + 30 * 24 * HOUR,
    )
    mine = idea(
        challenge(
            owner=owner,
            title="Défi ouvert",
            phase="open",
            opens_at=NOW - 2 * 24 * HOUR,
            closes_at=NOW + 30 * 24 * HOUR,
        ),
        author=reader,
        title="Vélos",
    )
    change = StatusChange.objects.create(
        idea=mine, from_status="submitted", to_status="selected", message="Oui", author=owner
    )
    StatusChange.objects.filter(pk=change.pk).update(created_at=YESTERDAY)
    notice(
        reader,
        key="ideas:comment:1",
        message="Léa a commenté",
        immediate=False,
        created_at=YESTERDAY,
    )
    notice(
        reader,
        key="ideas:comment:2",
        message="Déjà lu",
        immediate=False,
        created_at=YESTERDAY,
        read_at=YESTERDAY,
    )
    return {"reader": reader, "it": it, "hr": hr, "owner": owner}


def test_the_daily_digest_holds_what_the_reader_may_see_and_arrives_over_smtp(world, smtp_server):
    assert send_digests("daily", now=NOW) == 1

    [message] = smtp_server.to("reader@example.org")
    text = smtp_server.body(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert message["Subject"] == "[Ruche] Your daily Ruche digest"
    for expected in (
        "<b>Café</b> & co pour IT",
        "Pour tout le monde",
        "Défi IT bientôt clos",
        "Défi qui ouvre demain",
        "Your idea “Vélos” is now: Selected",
        "Léa a commenté",
    ):
        assert expected in text, expected
    for hidden in ("Réservé aux RH", "Comité secret", "Défi RH", "Trop ancienne", "Déjà lu"):
        assert hidden not in text and hidden not in html, hidden
    assert "&lt;b&gt;Café&lt;/b&gt; &amp; co pour IT" in html
    assert "<b>Café" not in html
    assert "http://127.0.0.1:8000/notifications/preferences/" in text


def test_a_guests_digest_holds_their_own_notices_only_no_news_nor_challenges(world, smtp_server):
    expert = guest(username="eva", email="eva@partner.example", invited_by=world["owner"])
    prefers(expert, Cadence.DAILY, language="en")
    notice(expert, key="communities:post:1", message="Nouveau message", created_at=YESTERDAY)

    send_digests("daily", now=NOW)

    [message] = smtp_server.to("eva@partner.example")
    text = smtp_server.body(message)
    assert "Nouveau message" in text
    for hidden in ("Pour tout le monde", "Défi qui ouvre demain", "Défi ouvert"):
        assert hidden not in text, hidden


def test_each_cadence_gets_its_own_digest_and_in_app_only_gets_none(world, smtp_server):
    reader = world["reader"]
    weekly, default, quiet = (
        person(username=name, team=world["it"]) for name in ("weekly", "dflt", "q")
    )
    prefers(weekly, Cadence.WEEKLY, language="en")
    prefers(quiet, Cadence.IN_APP)
    published_at(publish_news(title="La semaine dernière"), LAST_WEEK)

    send_digests("daily", now=NOW)
    daily_to = {m["X-Envelope-To"] for m in smtp_server.messages}
    smtp_server.clear()
    send_digests("weekly", now=NOW)
    weekly_to = {m["X-Envelope-To"] for m in smtp_server.messages}

    assert daily_to == {reader.email}
    # People who never chose (here `dflt` and the challenges' owner) get the weekly digest.
    assert weekly_to == {weekly.email, default.email, world["owner"].email}
    weekly_text = smtp_server.body(smtp_server.to(weekly.email)[0])
    assert "La semaine dernière" in weekly_text
    assert smtp_server.to(weekly.email)[0]["Subject"] == "[Ruche] Your weekly Ruche digest"
    assert not smtp_server.to(quiet.email)


def test_an_empty_digest_is_neither_sent_nor_claimed(db, smtp_server):
    loner = person(username="loner")
    prefers(loner, Cadence.DAILY)

    assert send_digests("daily", now=NOW) == 0

    assert smtp_server.messages == []
    assert not DigestRun.objects.exists()


def test_a_rerun_of_the_same_period_sends_nothing_and_the_next_period_sends_again(
    world, smtp_server
):
    assert send_digests("daily", now=NOW) == 1
    assert send_digests("daily", now=NOW + HOUR) == 0
    assert len(smtp_server.to("reader@example.org")) == 1
    notice(world["reader"], key="later", immediate=False, created_at=DAILY.end + HOUR)

    assert send_digests("daily", now=NOW + 24 * HOUR) == 1

    assert len(smtp_server.to("reader@example.org")) == 2
    assert DigestRun.objects.filter(user=world["reader"]).count() == 2


def test_a_failed_send_is_not_claimed_so_the_retry_sends_it_once(world, smtp_server, settings):
    from notifications.jobs import DigestsFailed

    settings.EMAIL_PORT = free_port()  # nothing listens there: the mail server is down
    with pytest.raises(DigestsFailed):
        send_digests("daily", now=NOW)
    assert not DigestRun.objects.exists()

    settings.EMAIL_PORT = SERVER.port  # it is back
    assert send_digests("daily", now=NOW) == 1
    assert send_digests("daily", now=NOW) == 0
    assert len(smtp_server.to("reader@example.org")) == 1


def test_the_digest_is_written_in_the_readers_language(world, smtp_server):
    from django.utils import translation

    prefers(world["reader"], Cadence.DAILY, language="fr")
    with translation.override("en"):
        send_digests("daily", now=NOW)

    [message] = smtp_server.to("reader@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="fr">' in html
    assert "Votre idée « Vélos » est maintenant : Retenue" in smtp_server.body(message)


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_digest_exactly_once(smtp_server):
    sections()
    team = TeamFactory(name="IT")
    readers = [person(username=f"r{n}", team=team) for n in range(6)]
    for reader in readers:
        prefers(reader, Cadence.DAILY)
    published_at(publish_news(title="Nouvelle du jour", audience=[team]), YESTERDAY)

    outcomes = run_in_threads(4, lambda n: send_digests("daily", now=NOW))

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == len(readers)
    for reader in readers:
        assert len(smtp_server.to(reader.email)) == 1, reader.email
    assert DigestRun.objects.count() == len(readers)


def test_an_answer_on_an_update_the_asker_can_no_longer_open_stays_out(world, smtp_server):
    from news.models import Question

    reader = world["reader"]
    open_update, closed_update = publish_update(title="Ouvert"), publish_update(title="Fermé")
    restriction = PageViewRestriction.objects.create(
        page=closed_update, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Direction"))
    for update, body in ((open_update, "Et la cantine ?"), (closed_update, "Et les primes ?")):
        Question.objects.create(
            author=reader, update=update, body=body, answer="Réponse", answered_at=YESTERDAY
        )

    send_digests("daily", now=NOW)

    text = smtp_server.body(smtp_server.to(reader.email)[0])
    assert "Leadership answered your question “Et la cantine ?”" in text
    assert "Et les primes" not in text


@pytest.fixture
def eager_celery():
    """Celery tasks run in this process (as in the embedded mode), for the planning test."""
    from intranet.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_the_beat_job_splits_the_digests_into_batches_and_a_second_plan_finds_none(
    world, smtp_server, eager_celery, monkeypatch
):
    from notifications import tasks

    monkeypatch.setattr(tasks, "DIGEST_BATCH", 2)
    others = [person(username=f"daily{n}", team=world["it"]) for n in range(3)]
    for other in others:
        prefers(other, Cadence.DAILY)

    assert tasks.plan_digests("daily", now=NOW) == 2  # four daily readers, two per batch

    for reader in [world["reader"], *others]:
        assert len(smtp_server.to(reader.email)) == 1
    assert tasks.plan_digests("daily", now=NOW) == 0
