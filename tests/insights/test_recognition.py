"""Leadership's monthly recognition post: drafted once per month from what happened, naming
only people who agreed to it, for leadership to edit and publish in the admin."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from ideas.models import Status, StatusChange
from insights import recognition
from insights.recognition import (
    Month,
    RecognitionSection,
    draft_monthly_recognition,
    register_recognition_section,
)
from news.models import LeadershipUpdatePage, Question
from notifications.models import Notification
from tests.ideas.factories import challenge, idea
from tests.insights.factories import communicator
from tests.intranet.factories import dated
from tests.news.factories import sections
from tests.people.factories import TeamFactory, kudos, person

LAST_MONTH = Month.before(timezone.localdate())
with translation.override("fr"):
    MONTH_FR = LAST_MONTH.name  # "novembre"
IN_LAST_MONTH = LAST_MONTH.start + timedelta(days=10)


@pytest.fixture
def leadership(db):
    sections()
    return communicator(username="dirigeante")


@pytest.fixture
def registry():
    """Leave the sections registry as it was after each test that changes it."""
    saved = dict(recognition._SECTIONS)
    yield
    recognition._SECTIONS.clear()
    recognition._SECTIONS.update(saved)


def implemented(title: str, *, when=IN_LAST_MONTH, **challenge_fields):
    found = idea(challenge(**challenge_fields), title=title, status=Status.IMPLEMENTED)
    change = StatusChange.objects.create(
        idea=found, from_status=Status.SELECTED, to_status=Status.IMPLEMENTED, message="<p>Fait</p>"
    )
    dated(change, when)
    return found


def body_text(page: LeadershipUpdatePage) -> str:
    return " ".join(str(block.value) for block in page.body)


def test_a_draft_for_last_month_awaits_leadership_unpublished(leadership):
    implemented("Imprimer recto verso")

    page = draft_monthly_recognition()

    assert isinstance(page, LeadershipUpdatePage) and not page.live
    assert page.title == f"Merci ! Ce que nous avons accompli en {MONTH_FR}"
    assert page.language == "fr" and page.get_parent().specific_class.__name__ == (
        "LeadershipIndexPage"
    )
    assert page.get_latest_revision() is not None  # editable in the admin as usual
    text = body_text(page)
    assert "Vos idées, mises en pratique" in text and "Imprimer recto verso" in text


def test_only_ideas_everyone_may_read_and_implemented_last_month_are_listed(leadership):
    implemented("Idée du mois")
    implemented("Idée trop ancienne", when=LAST_MONTH.start - timedelta(days=3))
    implemented("Idée de ce mois-ci", when=LAST_MONTH.end + timedelta(hours=1))
    hidden = implemented("Idée masquée")
    hidden.hidden_at = timezone.now()
    hidden.save()
    implemented("Idée d'une équipe", audience=[TeamFactory()])

    text = body_text(draft_monthly_recognition())

    assert "Idée du mois" in text
    for absent in ("Idée trop ancienne", "Idée de ce mois-ci", "Idée masquée", "Idée d'une"):
        assert absent not in text


def test_only_people_who_agreed_to_be_highlighted_are_named(leadership):
    sender = person()
    named = person(first_name="Odile", last_name="Consentante", consents_to_be_highlighted=True)
    silent = person(first_name="Gaston", last_name="Discret")
    quiet_consenting = person(
        first_name="Iris", last_name="Sansmerci", consents_to_be_highlighted=True
    )
    for recipient in (named, named, silent):
        kudos(sender, recipient, when=IN_LAST_MONTH)
    kudos(sender, quiet_consenting, when=LAST_MONTH.end + timedelta(hours=2))  # this month
    gone = person(first_name="Paul", last_name="Parti", consents_to_be_highlighted=True)
    kudos(sender, gone, when=IN_LAST_MONTH)
    gone.profile.deactivated_at = timezone.now()
    gone.profile.save()

    text = body_text(draft_monthly_recognition())

    assert "Remerciements entre collègues" in text
    assert "Odile Consentante : 2 remerciements" in text
    for absent in ("Discret", "Sansmerci", "Parti"):
        assert absent not in text


def test_answered_questions_are_counted_only_from_enough_people(leadership):
    askers = [person() for _ in range(settings.INSIGHTS_MIN_PEOPLE)]
    for asker in askers:
        question = Question.objects.create(author=asker, body="Et la cantine ?")
        Question.objects.filter(pk=question.pk).update(answer="Oui.", answered_at=IN_LAST_MONTH)

    assert "La direction a répondu à 5 de vos questions." in body_text(draft_monthly_recognition())

    Question.objects.filter(author=askers[0]).delete()
    LeadershipUpdatePage.objects.filter(slug=LAST_MONTH.slug).delete()
    assert "vos questions" not in body_text(draft_monthly_recognition())


def test_one_draft_per_month_however_often_it_runs_and_leadership_told_once(leadership):
    employee = person()

    first = draft_monthly_recognition()
    first.title = "Merci, édité par la direction"
    first.save_revision()
    again = draft_monthly_recognition()

    assert again is None
    drafts = LeadershipUpdatePage.objects.filter(slug=LAST_MONTH.slug)
    assert drafts.count() == 1
    notices = Notification.objects.filter(kind="insights.recognition")
    assert list(notices.values_list("recipient", flat=True)) == [leadership.pk]
    notice = notices.get()
    assert notice.url == f"/admin/pages/{first.pk}/edit/"
    assert MONTH_FR in notice.message
    assert not Notification.objects.filter(recipient=employee).exists()


def test_next_month_gets_its_own_draft(leadership):
    draft_monthly_recognition()
    earlier = Month.before(LAST_MONTH.first_day)

    assert draft_monthly_recognition(month=earlier) is not None
    assert LeadershipUpdatePage.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_drafting_at_once_make_one_draft():
    sections()
    communicator(username="dirigeante")
    barrier = threading.Barrier(2)
    created, errors = [], []

    def run():
        try:
            barrier.wait()
            created.append(draft_monthly_recognition())
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert not errors, errors
    assert sum(page is not None for page in created) == 1
    assert LeadershipUpdatePage.objects.filter(slug=LAST_MONTH.slug).count() == 1
    assert Notification.objects.filter(kind="insights.recognition").count() == 1


def test_other_apps_add_sections_in_their_order(leadership, registry):
    def actions_completed(month):
        return RecognitionSection(heading="Actions menées", items=[f"3 actions en {month.name}"])

    def broken(month):
        raise RuntimeError("the actions app is down")

    def nothing(month):
        return None

    register_recognition_section("actions_completed", 30, actions_completed)
    register_recognition_section("broken", 35, broken)
    register_recognition_section("empty", 36, nothing)
    sender, named = person(), person(last_name="Consentante", consents_to_be_highlighted=True)
    kudos(sender, named, when=IN_LAST_MONTH)
    implemented("Imprimer recto verso")

    headings = [b.value for b in draft_monthly_recognition().body if b.block_type == "heading"]

    assert headings == [
        "Vos idées, mises en pratique",
        "Actions menées",
        "Remerciements entre collègues",
    ]


def test_user_text_in_a_section_is_escaped(leadership):
    implemented("<script>alert(1)</script>")

    text = body_text(draft_monthly_recognition())

    assert "<script>" not in text and "&lt;script&gt;" in text


def test_the_beat_drafts_on_the_first_of_the_month():
    entry = settings.CELERY_BEAT_SCHEDULE["insights-draft-monthly-recognition"]

    assert entry["task"] == "insights.draft_monthly_recognition"
    assert entry["schedule"].day_of_month == {1}
