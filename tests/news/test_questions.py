"""Questions to leadership: anonymity everywhere, one upvote each, answers in the open."""

import json
import logging

import pytest

from news.models import Question, QuestionVote
from news.search import leadership_update_document
from news.services.sections import configure_roles
from tests.news.concurrency import post_concurrently
from tests.news.factories import publish_update, sections
from tests.people.factories import person

SECRET_NAME = "Zéphyrin Anonymelli"


@pytest.fixture
def setup(db):
    sections()
    configure_roles()
    return {
        "asker": person(username="asker", first_name="Zéphyrin", last_name="Anonymelli"),
        "colleague": person(username="colleague"),
        "leader": person(username="mathilde", first_name="Mathilde", groups=["Managers"]),
        "moderator": person(username="modo", groups=["Moderators"]),
        "update": publish_update(title="Nos priorités"),
    }


def ask(client, user, **data):
    client.force_login(user)
    return client.post("/news/questions/ask/", data)


@pytest.mark.django_db
def test_an_anonymous_author_is_never_shown_outside_moderation(client, setup, caplog):
    caplog.set_level(logging.DEBUG)
    update = setup["update"]
    ask(client, setup["asker"], body="Pourquoi ce choix ?", anonymous="on", update=update.pk)
    question = Question.objects.get()
    assert question.anonymous and question.author == setup["asker"]
    question.vote_count = 99
    question.save()

    client.force_login(setup["colleague"])
    outputs = [
        client.get(update.url).content.decode(),
        client.get(update.get_parent().url).content.decode(),
        client.get("/").content.decode(),
        client.get("/news/feed/").content.decode(),
    ]
    assert "Pourquoi ce choix ?" in outputs[0] and "Pourquoi ce choix ?" in outputs[2]

    client.force_login(setup["leader"])
    outputs.append(client.get(update.url).content.decode())
    outputs.append(client.get(f"/news/questions/{question.pk}/answer/").content.decode())
    client.post(f"/news/questions/{question.pk}/answer/", {"answer": "Parce que."})
    client.force_login(setup["colleague"])
    outputs.append(client.get("/news/answered/").content.decode())
    document = leadership_update_document(update)
    outputs.append(repr(document))
    outputs.append(caplog.text)

    for output in outputs:
        assert "Zéphyrin" not in output and "Anonymelli" not in output and "asker" not in output

    client.force_login(setup["moderator"])
    assert SECRET_NAME in client.get("/news/answered/").content.decode()


@pytest.mark.django_db
def test_a_named_question_shows_its_author(client, setup):
    ask(client, setup["asker"], body="Question signée")
    client.force_login(setup["colleague"])

    html = client.get(setup["update"].get_parent().url).content.decode()

    assert "Question signée" in html and SECRET_NAME in html


@pytest.mark.django_db
def test_questions_are_escaped_against_script_injection(client, setup):
    ask(client, setup["asker"], body="<img src=x onerror=alert(1)>", update=setup["update"].pk)

    html = client.get(setup["update"].url).content.decode()

    assert "<img src=x onerror=alert(1)>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.django_db
def test_an_empty_question_is_refused(client, setup):
    ask(client, setup["asker"], body=" ")
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_an_upvote_is_counted_once_and_can_be_taken_back(client, setup):
    question = Question.objects.create(author=setup["asker"], body="Q")
    client.force_login(setup["colleague"])
    url = f"/news/questions/{question.pk}/vote/"

    client.post(url)
    client.post(url)
    question.refresh_from_db()
    assert question.vote_count == 1

    client.post(url, {"withdraw": "1"})
    client.post(url, {"withdraw": "1"})
    question.refresh_from_db()
    assert question.vote_count == 0 and not QuestionVote.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_upvotes_are_counted_once_each_under_concurrent_requests(setup):
    question = Question.objects.create(author=setup["asker"], body="Q")
    voters = [person(username=f"voter{number}") for number in range(10)]
    url = f"/news/questions/{question.pk}/vote/"

    statuses = post_concurrently([(voter, url) for voter in voters], threads=3)

    assert set(statuses) == {302}
    question.refresh_from_db()
    assert question.vote_count == 10
    assert QuestionVote.objects.filter(question=question).count() == 10


@pytest.mark.django_db
def test_leaders_answer_close_and_reopen_questions_employees_cannot(client, setup):
    question = Question.objects.create(author=setup["asker"], body="Q ?", update=setup["update"])
    answer_url = f"/news/questions/{question.pk}/answer/"
    status_url = f"/news/questions/{question.pk}/status/"

    client.force_login(setup["colleague"])
    assert client.get(answer_url).status_code == 403
    assert client.post(answer_url, {"answer": "Non"}).status_code == 403
    assert client.post(status_url, {"status": "closed"}).status_code == 403

    client.force_login(setup["leader"])
    assert client.post(answer_url, {"answer": ""}).status_code == 400
    client.post(answer_url, {"answer": "Voici <b>pourquoi</b>."})
    question.refresh_from_db()
    assert question.status == "answered" and question.answered_by == setup["leader"].profile
    answered = client.get("/news/answered/").content.decode()
    assert "Voici &lt;b&gt;pourquoi&lt;/b&gt;." in answered

    other = Question.objects.create(author=setup["asker"], body="Hors sujet")
    client.post(f"/news/questions/{other.pk}/status/", {"status": "closed"})
    other.refresh_from_db()
    assert other.status == "closed"
    client.post(f"/news/questions/{other.pk}/vote/")
    assert not QuestionVote.objects.filter(question=other).exists()
    client.post(f"/news/questions/{other.pk}/status/", {"status": "open"})
    other.refresh_from_db()
    assert other.status == "open"


@pytest.mark.django_db
def test_the_home_feed_lists_the_most_upvoted_open_questions(client, setup):
    Question.objects.create(author=setup["asker"], body="Peu votée", vote_count=1)
    Question.objects.create(author=setup["asker"], body="Très votée", vote_count=10)
    Question.objects.create(author=setup["asker"], body="Close", vote_count=50, status="closed")
    client.force_login(setup["colleague"])

    html = client.get("/").content.decode()

    assert html.index("Très votée") < html.index("Peu votée")
    assert "Close" not in html.split("feed-questions-title")[1]


@pytest.mark.django_db
def test_the_api_lists_questions_without_anonymous_authors(client, setup):
    Question.objects.create(author=setup["asker"], body="Anonyme", anonymous=True, vote_count=3)
    Question.objects.create(author=setup["asker"], body="Signée")
    client.force_login(setup["colleague"])

    response = client.get("/api/news/questions/")

    assert response.status_code == 200
    payload = response.json()
    assert [(item["body"], item["author"]) for item in payload] == [
        ("Anonyme", None),
        ("Signée", SECRET_NAME),
    ]
    assert "Anonymelli" not in json.dumps(payload[0]) and "asker" not in response.content.decode()
    bad = client.get("/api/news/questions/?status=nope")
    assert bad.status_code == 400
    assert bad.json() == {"error": "status: Input should be 'open', 'answered' or 'closed'"}
    client.logout()
    assert client.get("/api/news/questions/").status_code == 401


@pytest.mark.django_db
def test_the_script_gets_json_for_a_vote(client, setup):
    question = Question.objects.create(author=setup["asker"], body="Q")
    client.force_login(setup["colleague"])
    url = f"/news/questions/{question.pk}/vote/"

    voted = client.post(url, HTTP_ACCEPT="application/json").json()
    withdrawn = client.post(url, {"withdraw": "1"}, HTTP_ACCEPT="application/json").json()

    assert voted == {"votes": 1, "voted": True}
    assert withdrawn == {"votes": 0, "voted": False}


@pytest.mark.django_db
def test_the_asker_alone_is_emailed_once_when_leadership_answers(client, setup):
    from django.core import mail

    from core.models import OutboxTask
    from core.outbox import run_stored_task

    question = Question.objects.create(
        author=setup["asker"], body="Et la cantine ?", anonymous=True, update=setup["update"]
    )
    client.force_login(setup["leader"])
    url = f"/news/questions/{question.pk}/answer/"
    client.post(url, {"answer": "Elle rouvre lundi."})
    client.post(url, {"answer": "Elle rouvre lundi, à midi."})  # an edit sends nothing new

    tasks = OutboxTask.objects.filter(task_path="news.tasks.notify_question_answered")
    assert tasks.count() == 1
    assert run_stored_task(tasks.get().pk) == "done"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [setup["asker"].email]
    assert "Elle rouvre lundi" in mail.outbox[0].body


@pytest.mark.django_db
def test_moderators_see_who_asked_anonymously_and_may_close_an_abusive_question(client, setup):
    question = Question.objects.create(
        author=setup["asker"], body="Propos injurieux", anonymous=True, update=setup["update"]
    )
    client.force_login(setup["moderator"])

    html = client.get(setup["update"].url).content.decode()
    client.post(f"/news/questions/{question.pk}/status/", {"status": "closed"})

    assert SECRET_NAME in html
    question.refresh_from_db()
    assert question.status == "closed"
    client.force_login(setup["colleague"])
    assert "Propos injurieux" not in client.get(setup["update"].url).content.decode()


@pytest.mark.django_db
def test_question_lists_run_a_constant_number_of_queries(client, setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add_questions(number):
        for index in range(number):
            question = Question.objects.create(
                author=person(), body=f"Q{index}", anonymous=index % 2 == 0, update=setup["update"]
            )
            QuestionVote.objects.create(question=question, user=setup["colleague"])
            Question.objects.create(
                author=setup["asker"],
                body=f"A{index}",
                status="answered",
                answer="Oui",
                answered_by=setup["leader"].profile,
                update=setup["update"],
            )

    client.force_login(setup["colleague"])
    add_questions(1)
    index_url = setup["update"].get_parent().url
    few = (count(index_url), count("/news/answered/"), count(setup["update"].url))
    add_questions(10)
    many = (count(index_url), count("/news/answered/"), count(setup["update"].url))

    assert many == few


def test_questions_on_a_private_or_unpublished_update_stay_as_private_as_the_update(client, setup):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    board = Group.objects.create(name="Board")
    private = publish_update(title="Plan confidentiel")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    withdrawn = publish_update(title="Message retiré")
    Question.objects.create(author=setup["asker"], update=private, body="Quid du rachat Zorg ?")
    Question.objects.create(author=setup["asker"], update=withdrawn, body="Et le site Brest ?")
    Question.objects.create(author=setup["asker"], body="Question générale visible")
    withdrawn.unpublish()
    client.force_login(setup["colleague"])

    from news.models import LeadershipIndexPage

    listed = [q["body"] for q in client.get("/api/news/questions/").json()]
    page = client.get(LeadershipIndexPage.objects.get().url).content.decode()

    assert listed == ["Question générale visible"]
    assert "Zorg" not in page and "Brest" not in page and "Question générale visible" in page
