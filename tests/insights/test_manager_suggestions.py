"""What the team dashboard suggests a manager do, from real rows, never below the floor."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas.models import Status
from insights import suggestions
from insights.suggestions import Suggestion, register_suggestion, suggestions_for
from news.models import Acknowledgement, Question, QuestionStatus
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, employees, kudos, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    """Sales: a manager and 6 reports, Lyon (3 people) below it; Legal apart (6 people)."""
    sales = TeamFactory(name="Sales")
    lyon = TeamFactory(name="Lyon", parent=sales)
    boss = person(team=sales)
    direct = employees(6, team=sales, manager=boss)
    lyon_people = employees(3, team=lyon, manager=direct[0])
    legal = TeamFactory(name="Legal")
    legal_boss = person(team=legal)
    legal_people = employees(5, team=legal, manager=legal_boss)
    return {
        "sales": sales,
        "lyon": lyon,
        "boss": boss,
        "direct": direct,
        "lyon_people": lyon_people,
        "legal": legal,
        "legal_people": legal_people,
    }


def by_name(team):
    return {s.name: s for s in suggestions_for(team)}


def url(team):
    return f"/insights/teams/{team.slug}/"


@pytest.fixture
def thanked(org):
    """Everyone in Sales thanked lately, so that the kudos suggestion stays out of the way."""
    for someone in [org["boss"], *org["direct"], *org["lyon_people"]]:
        kudos(org["legal_people"][0], someone)


def test_ideas_of_the_team_awaiting_an_answer_are_counted_and_link_to_the_oldest(org, thanked):
    paper = challenge(phase="open")
    now = timezone.now()
    oldest = idea(paper, author=org["direct"][0], created_at=now - timedelta(days=3))
    idea(paper, author=org["direct"][1])
    idea(paper, author=org["lyon_people"][0])  # a sub-team's idea is the team's too
    idea(paper, author=org["direct"][2], status=Status.UNDER_REVIEW)  # answered
    idea(paper, author=org["direct"][3], hidden_at=now)  # hidden by moderation
    idea(paper, author=org["legal_people"][0])  # another team's

    found = by_name(org["sales"])["ideas-waiting"]

    assert found.text == "3 ideas from your team are waiting for an answer"
    assert (found.count, found.url) == (3, f"/ideas/{oldest.pk}/")
    assert by_name(org["lyon"])["ideas-waiting"].text == (
        "1 idea from your team is waiting for an answer"
    )


def test_anonymous_ideas_and_questions_are_counted_by_no_team(org, thanked):
    idea(challenge(phase="open"), author=org["direct"][0], anonymous=True)
    Question.objects.create(author=org["direct"][1], body="Et la cantine ?", anonymous=True)

    assert by_name(org["sales"]) == {}


def test_open_questions_of_the_team_to_leadership_are_suggested(org, thanked):
    sections()
    Question.objects.create(author=org["direct"][0], body="Et la cantine ?")
    Question.objects.create(author=org["lyon_people"][0], body="Et le parking ?")
    Question.objects.create(
        author=org["direct"][1], body="Et les primes ?", status=QuestionStatus.ANSWERED
    )

    found = by_name(org["sales"])["questions-open"]

    assert found.text == "2 questions from your team to leadership are still unanswered"
    assert found.url.startswith("/") and found.count == 2


def test_a_team_nobody_thanked_for_60_days_is_told_so_with_a_link_to_give_kudos(org):
    kudos(org["boss"], org["direct"][0], when=timezone.now() - timedelta(days=61))

    found = by_name(org["sales"])["kudos-quiet"]

    assert found.text == "Nobody in the team has been thanked for 60 days"
    assert found.url == "/people/teams/sales/" and not found.is_figure
    kudos(org["boss"], org["lyon_people"][0])
    assert "kudos-quiet" not in by_name(org["sales"])


def test_few_thanked_is_a_share_given_only_for_a_team_of_at_least_the_floor(org):
    kudos(org["legal_people"][0], org["lyon_people"][0])  # 1 of the 10 people of Sales

    found = by_name(org["sales"])["kudos-few"]

    assert found.text == "Only 10 % of the team was thanked in the last 60 days"
    assert found.is_figure and found.count == 10
    # Lyon: 1 of 3 thanked, a share of fewer people than the floor is never given
    assert "kudos-few" not in by_name(org["lyon"]) and "kudos-quiet" not in by_name(org["lyon"])


def test_a_must_read_below_target_is_suggested_with_its_share(org, thanked, settings):
    sections()
    settings.MUST_READ_TARGET_PERCENT = 80
    page = publish_news(title="Sécurité", must_read=True)
    for someone in org["direct"][:4]:
        Acknowledgement.objects.create(page=page, user=someone)

    found = by_name(org["sales"])["must-read"]

    assert found.text == "Must-read “Sécurité” is at 40 %"  # 4 of the 10 people of Sales
    assert found.url == page.url and found.is_figure
    for someone in [org["boss"], *org["direct"][4:], org["lyon_people"][0]]:
        Acknowledgement.objects.create(page=page, user=someone)
    assert "must-read" not in by_name(org["sales"])  # 9 of 10: on target


def test_a_must_read_addressed_to_fewer_than_the_floor_of_the_team_gives_no_share(org, thanked):
    sections()
    publish_news(title="Lyon seulement", must_read=True, audience=[org["lyon"]])

    assert "must-read" not in by_name(org["sales"])
    assert "must-read" not in by_name(org["lyon"])


def test_suggestions_come_most_urgent_first(org):
    sections()
    idea(challenge(phase="open"), author=org["direct"][0])
    publish_news(title="Sécurité", must_read=True)
    Question.objects.create(author=org["direct"][1], body="Et la cantine ?")

    names = [s.name for s in suggestions_for(org["sales"])]

    assert names == ["ideas-waiting", "must-read", "questions-open", "kudos-quiet"]


def test_with_team_breakdowns_off_no_figure_is_suggested_but_to_dos_stay(client, org, settings):
    sections()
    idea(challenge(phase="open"), author=org["direct"][0])
    publish_news(title="Sécurité", must_read=True)
    kudos(org["legal_people"][0], org["direct"][0])
    settings.INSIGHTS_TEAM_BREAKDOWNS = False

    assert set(by_name(org["sales"])) == {"ideas-waiting"}
    client.force_login(org["boss"])
    response = client.get(url(org["sales"]))
    html = response.content.decode()
    assert response.context["dashboard"] is None
    assert "désactivés par accord avec le CSE" in html
    assert "1 idée de votre équipe attend une réponse" in html
    assert 'data-testid="team-metrics"' not in html


def test_other_parts_register_their_own_suggestions_and_a_failing_one_is_skipped(
    org, thanked, monkeypatch
):
    def pulse(context):
        return [Suggestion("pulse", f"{len(context.people)} people", "/pulse/", "Go", 50)]

    def broken(context):
        raise RuntimeError("boom")

    monkeypatch.setattr(suggestions, "_providers", dict(suggestions._providers))
    register_suggestion("pulse", pulse)
    register_suggestion("broken", broken)

    assert [s.text for s in suggestions_for(org["sales"])] == ["10 people"]


def test_the_dashboard_shows_the_suggestions_at_the_top_in_french(client, org):
    sections()
    paper = challenge(phase="open")
    for someone in org["direct"][:4]:
        idea(paper, author=someone)
    page = publish_news(title="Sécurité", must_read=True)
    for someone in org["direct"][:4]:
        Acknowledgement.objects.create(page=page, user=someone)
    client.force_login(org["boss"])

    html = client.get(url(org["sales"])).content.decode()

    cards = html[html.index('data-testid="team-suggestions"') : html.index("participation-title")]
    assert "4 idées de votre équipe attendent une réponse" in cards
    assert "Lecture obligatoire « Sécurité » à 40 %" in cards
    assert "Personne dans l&#x27;équipe n&#x27;a été remercié depuis 60 jours" in cards
    assert f'href="{page.url}"' in cards and 'href="/people/teams/sales/"' in cards
    assert cards.index("idées de votre équipe") < cards.index("Lecture obligatoire")


def test_suggestions_run_an_exact_number_of_queries_whatever_the_amount(org):
    sections()
    paper = challenge(phase="open")

    def add(count):
        for n in range(count):
            author = org["direct"][n % 6]
            idea(paper, author=author)
            Question.objects.create(author=author, body=f"Question {n} ?")
            publish_news(title=f"À lire {n}", must_read=True, audience=[org["sales"]])
            kudos(org["boss"], org["lyon_people"][0], when=timezone.now() - timedelta(days=90))

    add(1)
    suggestions_for(org["sales"])  # the site's root paths are cached from here on
    with CaptureQueriesContext(connection) as few:
        found = suggestions_for(org["sales"])
    assert {s.name for s in found} == {
        "ideas-waiting",
        "must-read",
        "questions-open",
        "kudos-quiet",
    }

    add(5)
    with CaptureQueriesContext(connection) as many:
        assert len(suggestions_for(org["sales"])) == 9  # six must-reads

    assert len(few) == len(many) == QUERY_CEILING


# team tree 2, waiting ideas 1, must-reads 5 and their addresses 1, open questions 1 and
# where leadership is 1, kudos 1, what the works-council agreement allows 1 (insights.privacy)
QUERY_CEILING = 13
