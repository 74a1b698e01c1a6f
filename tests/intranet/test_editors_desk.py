"""The editors' desk in the admin: what waits for editors and moderators, each kind with its
count and links to act, shown to them only."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Role
from core.conversations.models import Report
from news.models import Acknowledgement, Question, QuestionStatus
from tests.communities.factories import community, join, post
from tests.conversations.factories import comment_on
from tests.intranet.factories import publish_standard_page
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import person


@pytest.fixture
def editor(db):
    sections()  # the role groups, their rights and both sections
    return person(username="redactrice", groups=[Group.objects.get(name="Editors")])


@pytest.fixture
def waiting(editor):
    """Two reported comments, three open questions (one answered), one must-read below its
    target (one above), one scheduled page and one scheduled post of a community the editor
    animates, two pages past their review date (one fresh)."""
    readers = [person(username=f"lecteur{n}") for n in range(3)]
    news = publish_news(title="Nouvelle cantine")
    for number in range(2):
        comment = comment_on(news, author=readers[number], body=f"Commentaire {number}")
        Report.objects.create(
            conversation=comment.conversation, comment=comment, reporter=readers[2]
        )
    update = publish_update(title="Le mot du directeur")
    for number in range(3):
        Question.objects.create(author=readers[0], body=f"Question {number} ?", update=update)
    Question.objects.create(
        author=readers[1], body="Déjà répondue ?", status=QuestionStatus.ANSWERED, answer="Oui."
    )
    publish_news(title="Charte lue par tous", must_read=True)
    read_by_all = publish_news(title="Charte informatique", must_read=True)
    for user in [editor, *readers]:
        Acknowledgement.objects.create(page=read_by_all, user=user)
    scheduled = publish_standard_page(title="Nouveau règlement")
    scheduled.go_live_at = timezone.now() + timedelta(days=3)
    scheduled.save_revision().publish()
    club = community(name="Club photo")
    join(club, editor, role=Role.ANIMATOR)
    post(club, author=editor, title="Sortie au parc", publish_at=timezone.now() + timedelta(days=2))
    owner = person(username="proprietaire", first_name="Odile", last_name="Martin")
    for title in ("Ancienne procédure", "Vieux guide"):
        page = publish_standard_page(title=title, owner=owner)
        page.review_date = timezone.localdate() - timedelta(days=400)
        page.save_revision().publish()
    publish_standard_page(title="Guide à jour", owner=owner)
    return {"scheduled": scheduled}


def counts(html):
    return dict(
        re.findall(r'data-testid="desk-([a-z-]+)".*?data-testid="desk-count">(\d+)<', html, re.S)
    )


def test_the_desk_lists_each_kind_of_waiting_item_with_its_count(client, editor, waiting):
    client.force_login(editor)

    html = client.get("/admin/desk/").content.decode()

    assert counts(html) == {
        "moderation": "2",
        "questions": "3",
        "must-reads": "1",
        "scheduled": "2",
        "stale-pages": "2",
    }
    assert "Ancienne procédure" in html and "Vieux guide" in html
    assert "Guide à jour" not in html
    assert "Odile Martin" in html  # the owner of each stale page
    assert "Charte lue par tous" in html and "Charte informatique" not in html
    assert "Sortie au parc" in html and "Nouveau règlement" in html


def test_each_item_links_to_where_it_is_acted_on(client, editor, waiting):
    client.force_login(editor)

    html = client.get("/admin/desk/").content.decode()

    assert 'href="/moderation/"' in html
    assert 'href="/news/must-reads/"' in html
    assert f'href="/admin/pages/{waiting["scheduled"].pk}/edit/"' in html
    assert 'href="/communities/' in html and "/posts/scheduled/" in html


def test_the_admin_home_shows_the_desk_to_an_editor(client, editor, waiting):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert 'data-testid="desk-panel"' in html
    assert counts(html)["stale-pages"] == "2"
    assert 'href="/admin/desk/"' in html


def test_an_empty_desk_says_nothing_waits(client, editor):
    client.force_login(editor)

    html = client.get("/admin/desk/").content.decode()

    assert set(counts(html).values()) == {"0"}


def test_an_employee_without_the_admin_never_sees_the_desk(client, editor, waiting):
    client.force_login(person(username="salarie"))

    response = client.get("/admin/desk/")

    assert response.status_code == 302
    assert "Ancienne procédure" not in response.content.decode()


def test_someone_with_the_admin_but_no_editorial_role_is_turned_away(client, waiting):
    reader = person(username="webmestre")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)

    assert client.get("/admin/desk/").status_code in (302, 403)
    assert 'data-testid="desk-panel"' not in client.get("/admin/").content.decode()


def test_the_desk_costs_the_same_number_of_queries_with_more_items(client, editor, waiting):
    client.force_login(editor)
    client.get("/admin/desk/")

    with CaptureQueriesContext(connection) as few:
        client.get("/admin/desk/")
    owner = person(username="autre")
    for number in range(5):
        page = publish_standard_page(title=f"Page ancienne {number}", owner=owner)
        page.review_date = timezone.localdate() - timedelta(days=30)
        page.save_revision().publish()
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/desk/")

    assert len(many) <= len(few) + 2
