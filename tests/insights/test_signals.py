"""Weekly signals: emerging topics, recurring zero-result searches, frustration; the report."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from core.models import OutboxTask
from core.outbox import run_stored_task
from insights.detection import weekly_signals
from insights.models import FrustrationExpression, SignalReport, SignalReportDelivery
from insights.selectors import last_complete_week, week_bounds
from insights.signals_counts import count_week
from insights.tasks import record_signals_report
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, idea
from tests.insights.factories import communicator
from tests.notifications.factories import prefers
from tests.people.factories import TeamFactory, UserFactory, employees
from tests.search.factories import search

WEEK = last_complete_week()
REPORT_TASK = "insights.tasks.email_signals_report"
COPY_TASK = "insights.tasks.email_signals_report_to"


def during(week, hours: int = 30):
    return week_bounds(week)[0] + timedelta(hours=hours)


def searched(text, people, *, week=WEEK, results=3):
    for person in people:
        search(person, text, results=results, when=during(week))


def themes_of(week=WEEK):
    return {theme["label"]: theme for theme in weekly_signals(week)["themes"]}


@pytest.mark.django_db
def test_a_theme_rising_against_its_own_baseline_is_emerging():
    searched("parking", employees(3), results=0)
    writers = employees(2)
    open_challenge = challenge(phase="open")
    for person in writers:
        idea(open_challenge, author=person, title="Navette parking", created_at=during(WEEK))
    usual = employees(5)
    for weeks_ago in range(0, 9):  # the same five people every week: nothing new
        searched("menu cantine", usual, week=WEEK - timedelta(weeks=weeks_ago), results=0)

    themes = themes_of()

    # 5 people this week, none before: (5 - 0) / sqrt(0 + 1) = 5.
    parking = themes["parking"]
    assert (parking["kind"], parking["people"], parking["baseline"], parking["score"]) == (
        "emerging",
        5,
        0,
        5.0,
    )
    assert themes["menu cantine"]["kind"] == "strong"


@pytest.mark.django_db
def test_the_emerging_score_weighs_the_rise_against_the_usual_level():
    people = employees(12)
    for weeks_ago in range(1, 9):  # two people a week for eight weeks
        searched("mutuelle", people[:2], week=WEEK - timedelta(weeks=weeks_ago), results=0)
    searched("mutuelle", people[:8], results=0)

    [theme] = weekly_signals(WEEK)["themes"]

    assert (theme["label"], theme["people"], theme["baseline"]) == ("mutuelle", 8, 2.0)
    assert theme["score"] == round((8 - 2) / 3**0.5, 2)


@pytest.mark.django_db
def test_a_term_used_by_four_people_is_never_a_signal_by_five_it_is():
    people = employees(5)
    searched("badge", people[:4], results=0)
    assert weekly_signals(WEEK)["themes"] == []

    searched("badge", people[4:], results=0)
    record_week_again()
    assert [theme["label"] for theme in weekly_signals(WEEK)["themes"]] == ["badge"]


def record_week_again():
    """The daily count job runs again (a week once counted is read from its counts)."""
    count_week(WEEK)


@pytest.mark.django_db
def test_recurring_zero_result_searches_need_two_weeks_and_five_people():
    searched("wifi invite", employees(3), results=0)
    searched("wifi invite", employees(2), week=WEEK - timedelta(weeks=1), results=0)
    searched("imprimante", employees(5), results=0)  # one week only
    searched("vpn", employees(2), results=0)
    searched("vpn", employees(2), week=WEEK - timedelta(weeks=2), results=0)  # four people

    rows = weekly_signals(WEEK)["zero_results"]

    assert rows == [{"query": "wifi invite", "searches": 5, "searchers": 5, "weeks": 2}]


@pytest.mark.django_db
def test_frustration_is_counted_by_topic_and_team_only_from_five_people():
    support, it = TeamFactory(name="Support"), TeamFactory(name="IT")
    wifi_idea = idea(challenge(phase="open"), title="Wifi", created_at=during(WEEK, 2))
    wifi_idea.tags.set(["wifi"])
    paper_idea = idea(challenge(phase="open", title="Moins de papier"), created_at=during(WEEK, 2))
    for person in employees(5, team=support):
        comment_on(
            wifi_idea,
            author=person,
            body="<p>Ça ne marche PAS, encore</p>",
            created_at=during(WEEK),
        )
    for person in employees(4, team=it):
        comment_on(
            paper_idea,
            author=person,
            body="<p>What a waste of time.</p>",
            created_at=during(WEEK),
        )
    for person in employees(5, team=it):
        comment_on(paper_idea, author=person, body="<p>Bonne idée</p>", created_at=during(WEEK))

    signals = weekly_signals(WEEK)["frustration"]

    assert signals == {"people": 9, "topics": [("#wifi", 5)], "teams": [("Support", 5)]}


@pytest.mark.django_db
def test_anonymous_ideas_and_questions_count_by_no_team_in_frustration():
    from news.models import Question

    support = TeamFactory(name="Support")
    writers = employees(5, team=support)
    open_challenge = challenge(phase="open", allow_anonymous_ideas=True)
    for person in writers[:3]:
        idea(
            open_challenge,
            author=person,
            title="Ça ne marche pas",
            anonymous=True,
            created_at=during(WEEK),
        )
    for person in writers[3:]:
        question = Question.objects.create(
            author=person, body="Ça ne marche pas, encore", anonymous=True
        )
        Question.objects.filter(pk=question.pk).update(created_at=during(WEEK))

    signals = weekly_signals(WEEK)["frustration"]

    assert signals["people"] == 5  # organisation-wide, anonymous writings still count
    assert signals["teams"] == []  # but never by the writer's team


@pytest.mark.django_db
def test_the_lexicon_is_data_communicators_can_extend():
    assert FrustrationExpression.objects.filter(expression="ça ne marche pas").exists()
    assert FrustrationExpression.objects.filter(expression="waste of time").exists()
    FrustrationExpression.objects.create(expression="usine à gaz", language="fr")
    plain_idea = idea(challenge(phase="open"), created_at=during(WEEK, 2))
    for person in employees(5):
        comment_on(
            plain_idea, author=person, body="<p>Une usine a gaz</p>", created_at=during(WEEK)
        )

    assert weekly_signals(WEEK)["frustration"]["people"] == 5


@pytest.fixture
def communicators():
    return [communicator(email="claire@example.org"), communicator(email="marc@example.org")]


def report_tasks():
    return OutboxTask.objects.filter(task_path=REPORT_TASK)


def run_copies() -> list[str]:
    """Run the unfinished per-communicator tasks, as the outbox relay would (or its retry)."""
    copies = OutboxTask.objects.filter(task_path=COPY_TASK, finished_at__isnull=True)
    return [run_stored_task(pk) for pk in copies.order_by("pk").values_list("pk", flat=True)]


@pytest.mark.django_db
def test_the_weekly_report_reaches_each_communicator_once_over_smtp(communicators, smtp_server):
    searched("parking", employees(5), results=0)
    searched("salaire", employees(4), results=0)
    gone = communicator(email="parti@example.org", is_active=False)
    employee_only = UserFactory(email="employe@example.org")

    assert record_signals_report(week=WEEK) is not None
    assert record_signals_report(week=WEEK) is None  # a re-run records nothing
    [task] = report_tasks()
    assert run_stored_task(task.pk) == "done"
    assert run_stored_task(task.pk) == "skipped"  # a redelivered message sends nothing
    assert run_copies() == ["done", "done"]
    assert run_copies() == []

    assert len(smtp_server.messages) == 2
    for user in communicators:
        [message] = smtp_server.to(user.email)
        body = smtp_server.body(message)
        assert str(WEEK) in message["Subject"]
        assert "parking" in body and "salaire" not in body
    assert smtp_server.to(gone.email) == [] and smtp_server.to(employee_only.email) == []
    report = SignalReport.objects.get(week_start=WEEK)
    assert report.recipients == 2 and report.sent_at is not None


@pytest.mark.django_db
def test_the_report_never_names_or_quotes_anyone(communicators, smtp_server):
    writer_team = TeamFactory(name="Compta")
    open_challenge = challenge(phase="open")
    people = employees(5, team=writer_team)
    for person in people:
        idea(
            open_challenge,
            author=person,
            title="Cantine",
            description="<p>C'est inadmissible, la cantine ferme trop tôt</p>",
            created_at=during(WEEK),
        )
    record_signals_report(week=WEEK)
    run_stored_task(report_tasks().get().pk)
    run_copies()

    body = smtp_server.body(smtp_server.to("claire@example.org")[0])
    assert "cantine" in body and "Compta: 5" in body
    assert "ferme trop tôt" not in body
    for person in people:
        assert person.last_name not in body and person.username not in body


@pytest.mark.django_db
def test_a_copy_the_mail_server_refuses_is_retried_alone_so_everyone_gets_exactly_one(
    communicators, smtp_server
):
    claire, marc = communicators
    lea = communicator(email="lea@example.org")
    record_signals_report(week=WEEK)
    run_stored_task(report_tasks().get().pk)
    smtp_server.refused.add(marc.email)  # mid-list: Claire before him, Léa after

    assert run_copies() == ["done", "failed", "done"]
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [claire.email, lea.email]
    assert set(SignalReportDelivery.objects.values_list("user_id", flat=True)) == {
        claire.pk,
        lea.pk,
    }

    smtp_server.refused.clear()  # the mailbox is back; the outbox retries what failed
    assert run_copies() == ["done"]
    assert run_copies() == []

    for user in (claire, marc, lea):
        assert len(smtp_server.to(user.email)) == 1, user.email


@pytest.mark.django_db
def test_someone_no_longer_a_communicator_when_their_copy_is_retried_gets_none(
    communicators, smtp_server
):
    claire, marc = communicators
    record_signals_report(week=WEEK)
    run_stored_task(report_tasks().get().pk)
    smtp_server.refused.add(marc.email)
    run_copies()

    marc.groups.clear()
    smtp_server.refused.clear()
    run_copies()

    assert smtp_server.to(marc.email) == []
    assert len(smtp_server.to(claire.email)) == 1


@pytest.mark.django_db
def test_each_communicator_reads_the_report_in_their_language(communicators, smtp_server):
    claire, marc = communicators
    prefers(claire, "weekly", language="en")
    prefers(marc, "weekly", language="fr")
    record_signals_report(week=WEEK)
    run_stored_task(report_tasks().get().pk)
    run_copies()

    assert "Themes" in smtp_server.body(smtp_server.to(claire.email)[0])
    assert "Thèmes" in smtp_server.body(smtp_server.to(marc.email)[0])


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_run_twice_on_a_real_worker_emails_once(celery_worker, wait_for_inbox):
    from insights.tasks import send_weekly_signals_report as beat_job

    Group.objects.get_or_create(name="Communicators")
    communicator(email="claire@example.org")

    first = beat_job.apply_async().get(timeout=60)
    again = beat_job.apply_async().get(timeout=60)

    assert (first, again) == (True, False)
    assert SignalReport.objects.count() == 1
    assert len(wait_for_inbox("claire@example.org")) == 1
