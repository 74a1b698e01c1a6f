"""The weekly team digest: one email per manager and week, over real SMTP, above the floor."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from insights import tasks
from insights.team_digest import DIGEST_KIND, send_team_digests
from notifications.models import Cadence, DigestRun
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.notifications.factories import prefers
from tests.people.factories import TeamFactory, employees, kudos, person


@pytest.fixture
def org(db):
    """Sales: Marie and 6 reports, Lyon (3 people, led by one of them) below; Legal (6)."""
    sales = TeamFactory(name="Sales")
    lyon = TeamFactory(name="Lyon", parent=sales)
    boss = person(username="marie", team=sales)
    direct = employees(6, team=sales, manager=boss)
    employees(3, team=lyon, manager=direct[0])
    legal = TeamFactory(name="Legal")
    legal_boss = person(username="hugo", team=legal)
    legal_people = employees(5, team=legal, manager=legal_boss)
    return {
        "boss": boss,
        "direct": direct,
        "lyon_lead": direct[0],
        "legal_boss": legal_boss,
        "legal_people": legal_people,
    }


def text_of(inbox, user):
    [message] = inbox.to(user.email)
    return message, inbox.body(message)


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


@pytest.mark.django_db
def test_each_manager_gets_the_weeks_suggestions_and_figures_of_their_teams(org, smtp_server):
    idea(challenge(phase="open"), author=org["direct"][1])
    kudos(org["legal_people"][0], org["legal_boss"])

    assert send_team_digests() == 3  # Marie, the lead of Lyon, Hugo

    message, text = text_of(smtp_server, org["boss"])
    assert message["Subject"] == "[Ruche] La semaine de votre équipe"
    assert "== Sales ==" in text
    assert "1 idée de votre équipe attend une réponse" in text
    assert "Personne dans l'équipe n'a été remercié depuis 60 jours" in text
    assert "Les 7 derniers jours (groupes d'au moins 5 personnes seulement)" in text
    assert "- Personnes : 10" in text or "- Personnes: 10" in text
    assert f"{django_settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/insights/teams/sales/" in text
    assert "1 idée de votre équipe attend une réponse" in html_of(message)
    _message, hugo = text_of(smtp_server, org["legal_boss"])
    assert "== Legal ==" in hugo and "Personne dans l'équipe" not in hugo


@pytest.mark.django_db
def test_a_team_under_the_floor_gets_suggestions_but_no_figures_and_is_told_why(org, smtp_server):
    send_team_digests()

    _message, text = text_of(smtp_server, org["lyon_lead"])
    assert "== Lyon ==" in text
    assert "L'équipe compte moins de 5 personnes actives : aucun chiffre n'est montré" in text
    assert "Les 7 derniers jours" not in text
    assert "Personne dans l'équipe n'a été remercié depuis 60 jours" in text


@pytest.mark.django_db
def test_with_team_breakdowns_off_the_digest_says_so_and_gives_no_figure(
    org, smtp_server, settings
):
    settings.INSIGHTS_TEAM_BREAKDOWNS = False
    idea(challenge(phase="open"), author=org["direct"][1])

    send_team_digests()

    _message, text = text_of(smtp_server, org["boss"])
    assert "les chiffres ne sont pas détaillés par équipe" in text
    assert "Personnes" not in text and "Les 7 derniers jours" not in text
    assert "1 idée de votre équipe attend une réponse" in text  # a to-do, not a figure


@pytest.mark.django_db
def test_the_digest_is_in_the_managers_language_and_in_app_only_gets_none(org, smtp_server):
    prefers(org["boss"], Cadence.WEEKLY, language="en")
    prefers(org["legal_boss"], Cadence.IN_APP)

    assert send_team_digests() == 2

    message, text = text_of(smtp_server, org["boss"])
    assert message["Subject"] == "[Ruche] Your team's week"
    assert "Nobody in the team has been thanked for 60 days" in text
    assert not smtp_server.to(org["legal_boss"].email)


@pytest.mark.django_db
def test_a_second_run_of_the_week_sends_nothing_and_next_week_sends_again(org, smtp_server):
    now = timezone.now()
    assert send_team_digests(now=now) == 3
    assert send_team_digests(now=now) == 0
    assert len(smtp_server.to(org["boss"].email)) == 1

    assert send_team_digests(now=now + timedelta(days=7)) == 3
    assert len(smtp_server.to(org["boss"].email)) == 2
    assert DigestRun.objects.filter(kind=DIGEST_KIND).count() == 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_managers_digest_exactly_once(org, smtp_server):
    now = timezone.now()

    outcomes = run_in_threads(4, lambda n: send_team_digests(now=now))

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == 3
    for manager in (org["boss"], org["lyon_lead"], org["legal_boss"]):
        assert len(smtp_server.to(manager.email)) == 1, manager.email
    assert DigestRun.objects.filter(kind=DIGEST_KIND).count() == 3


@pytest.fixture
def eager_celery():
    """Celery tasks run in this process, for the planning test."""
    from intranet.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.mark.django_db
def test_the_monday_beat_job_shares_the_managers_out_in_batches(
    org, smtp_server, eager_celery, monkeypatch
):
    monkeypatch.setattr(tasks, "TEAM_DIGEST_BATCH", 2)
    schedule = django_settings.CELERY_BEAT_SCHEDULE["insights-team-digests"]
    assert schedule["task"] == "insights.send_team_digests"
    assert schedule["schedule"].day_of_week == {1}  # Monday

    assert tasks.plan_team_digests() == 2  # three managers, two per batch

    for manager in (org["boss"], org["lyon_lead"], org["legal_boss"]):
        assert len(smtp_server.to(manager.email)) == 1
    assert tasks.plan_team_digests() == 0
