"""Editors submit news, communicators approve; scheduled publishing runs from beat."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import Task, Workflow, WorkflowState
from wagtail.rich_text import RichText

from news.models import NewsIndexPage, NewsPage
from news.tasks import publish_scheduled
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(db):
    sections()
    return {
        "editor": person(username="elise", groups=["Editors"]),
        "communicator": person(username="com", groups=["Communicators"]),
    }


def draft(title="Brouillon d'actualité"):
    page = NewsPage(title=title, body=[("paragraph", RichText("<p>Texte</p>"))], live=False)
    NewsIndexPage.objects.get().add_child(instance=page)
    return page


def test_editors_may_draft_but_not_publish_communicators_may_publish(roles):
    page = draft()

    assert page.permissions_for_user(roles["editor"]).can_edit()
    assert not page.permissions_for_user(roles["editor"]).can_publish()
    assert page.permissions_for_user(roles["communicator"]).can_publish()


def test_a_submitted_news_item_goes_live_when_a_communicator_approves(roles):
    page = draft()
    workflow = page.get_workflow()
    assert Workflow.objects.filter(pk=workflow.pk, name="News moderation").exists()

    page.save_revision(user=roles["editor"])
    state = workflow.start(page, roles["editor"])
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(page, roles["communicator"])
    assert not task.user_can_access_editor(page, roles["editor"])

    task.on_action(task_state, roles["communicator"], "approve")

    page.refresh_from_db()
    assert page.live


def test_scheduled_news_is_published_by_the_beat_job(roles):
    page = draft("Programmée")
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))

    publish_scheduled()

    page.refresh_from_db()
    assert page.live
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"news.publish_scheduled", "news.send_must_read_reminders"} <= schedule


def test_the_admin_edits_news_and_leadership_pages(client, roles):
    from news.models import LeadershipIndexPage

    admin = person(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    news, update = publish_news(), publish_update()
    news_index, leadership_index = NewsIndexPage.objects.get(), LeadershipIndexPage.objects.get()

    assert client.get(f"/admin/pages/{news.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{update.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").status_code == 200
    add_update = f"/admin/pages/add/news/leadershipupdatepage/{leadership_index.pk}/"
    assert client.get(add_update).status_code == 200


def test_the_reported_comments_menu_is_for_moderators_only(client, roles):
    client.force_login(roles["editor"])
    assert "/news/moderation/" in client.get("/admin/").content.decode()


def test_the_moderation_workflow_and_its_task_read_in_the_readers_language(roles):
    for language, workflow_name, task_name in (
        ("fr", "Modération des actualités", "Validation par les communicants"),
        ("en", "News moderation", "Communicators' approval"),
    ):
        with translation.override(language):
            workflow = Workflow.objects.get(name="News moderation")
            assert str(workflow.name) == workflow_name
            assert str(workflow) == workflow_name
            task = Task.objects.get(name="Communicators' approval")
            assert str(task.specific.name) == task_name
            assert str(workflow.tasks.get().name) == task_name


def test_the_admin_shows_the_workflow_in_french_and_keeps_its_name_in_the_database(client, roles):
    client.force_login(person(username="admin-fr", is_superuser=True, is_staff=True))

    html = client.get("/admin/workflows/list/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    workflow = Workflow.objects.get(name="News moderation")
    workflow.save()  # saved while read in French

    assert "Modération des actualités" in html and "News moderation" not in html
    workflow.refresh_from_db()
    assert Workflow.objects.filter(pk=workflow.pk, name="News moderation").exists()
    assert str(workflow.name) == "Modération des actualités"
