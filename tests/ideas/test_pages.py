"""The ideas pages: audience, phases, anonymity, sanitisation, permissions, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.conversations.models import Comment
from ideas.models import Idea, StatusChange, Vote
from ideas.selectors.listing import CONVERSATIONS_PER_PAGE
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge, hub, idea
from tests.people.factories import TeamFactory, person


@pytest.fixture
def teams(db):
    it = TeamFactory(name="IT")
    support = TeamFactory(name="Support", parent=it)
    rh = TeamFactory(name="RH")
    return {"it": it, "support": support, "rh": rh}


@pytest.fixture
def insider(teams):
    return person(username="insider", team=teams["support"])


@pytest.fixture
def outsider(teams):
    return person(username="outsider", team=teams["rh"])


@pytest.fixture
def it_challenge(teams, owner):
    return challenge(owner=owner, title="Défi IT", audience=[teams["it"]], phase="open")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_hub_lists_only_the_challenges_of_my_audience(client, it_challenge, insider, outsider):
    challenge(title="Pour tous", phase="open")
    page = hub()

    insider_view = signed_in(client, insider).get(page.url).content.decode()
    assert "Défi IT" in insider_view and "Pour tous" in insider_view

    outsider_view = signed_in(Client(), outsider).get(page.url).content.decode()
    assert "Défi IT" not in outsider_view and "Pour tous" in outsider_view


def test_a_challenge_page_is_not_found_outside_its_audience(
    client, it_challenge, insider, outsider
):
    assert signed_in(client, insider).get(it_challenge.url).status_code == 200
    assert signed_in(Client(), outsider).get(it_challenge.url).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, it_challenge):
    response = client.get(it_challenge.url)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_ideas_of_a_hidden_challenge_are_not_found_either(client, it_challenge, outsider):
    target = idea(it_challenge)
    signed_in(client, outsider)

    assert client.get(f"/ideas/{target.pk}/").status_code == 404
    assert client.post(f"/ideas/{target.pk}/vote/").status_code == 404
    assert client.get(f"/ideas/challenges/{it_challenge.pk}/submit/").status_code == 404
    assert client.get(f"/ideas/challenges/{it_challenge.pk}/similar/?title=x").status_code == 404
    assert not Vote.objects.exists()


def test_an_employee_submits_an_idea_whose_description_is_sanitised(client, it_challenge, insider):
    response = signed_in(client, insider).post(
        f"/ideas/challenges/{it_challenge.pk}/submit/",
        {
            "title": "Un wiki <b>interne</b>",
            "description": '<p onclick="x()">Partager</p><script>alert(1)</script>',
            "tags": "wiki, partage",
        },
    )

    created = Idea.objects.get()
    assert response.status_code == 302 and response.url == f"/ideas/{created.pk}/"
    assert "<script" not in created.description and "onclick" not in created.description
    assert sorted(tag.name for tag in created.tags.all()) == ["partage", "wiki"]
    page = client.get(response.url).content.decode()
    assert "Un wiki &lt;b&gt;interne&lt;/b&gt;" in page
    assert "<script>alert(1)" not in page


def test_a_tag_longer_than_100_characters_is_refused_and_the_idea_kept_in_the_form(
    client, it_challenge, insider
):
    response = signed_in(client, insider).post(
        f"/ideas/challenges/{it_challenge.pk}/submit/",
        {"title": "Un wiki", "description": "<p>Partager</p>", "tags": "wiki, " + "🐝" * 101},
    )

    assert response.status_code == 200 and not Idea.objects.exists()
    html = response.content.decode()
    assert "trop long : 100 caractères au maximum" in html
    assert 'value="Un wiki"' in html


def test_no_idea_is_accepted_outside_the_submission_phase(client, owner, insider):
    closed = challenge(owner=owner, title="Fini", phase="voting")

    response = signed_in(client, insider).post(
        f"/ideas/challenges/{closed.pk}/submit/", {"title": "Trop tard", "description": "…"}
    )

    assert response.status_code == 200
    assert not Idea.objects.exists()


def test_the_form_explains_what_is_missing(client, it_challenge, insider):
    response = signed_in(client, insider).post(
        f"/ideas/challenges/{it_challenge.pk}/submit/", {"title": "", "description": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"title", "description"}
    html = response.content.decode()
    # The summary at the top links to each field in error...
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'role="alert"' in summary
    assert 'href="#id_title"' in summary and 'href="#id_description"' in summary
    # ...and every control points to help and error texts that exist on the page.
    import re

    for control in re.findall(r"<(?:input|textarea|select)[^>]*>", html):
        for described in re.findall(r'aria-describedby="([^"]+)"', control):
            for element_id in described.split():
                assert f'id="{element_id}"' in html, (control, element_id)
    title = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in title and "id_title-error" in title


def test_without_javascript_the_check_button_shows_similar_ideas(
    client, it_challenge, insider, reindex
):
    idea(it_challenge, title="Imprimer en recto verso par défaut")
    reindex()

    response = signed_in(client, insider).post(
        f"/ideas/challenges/{it_challenge.pk}/submit/",
        {"title": "Recto verso partout", "description": "Économiser", "check": "1"},
    )

    assert "Imprimer en recto verso par défaut" in response.content.decode()
    assert Idea.objects.count() == 1


def test_the_similar_endpoint_answers_json(client, it_challenge, insider, reindex):
    existing = idea(it_challenge, title="Imprimer en recto verso par défaut")
    reindex()

    response = signed_in(client, insider).get(
        f"/ideas/challenges/{it_challenge.pk}/similar/", {"title": "recto verso"}
    )

    assert response.json()["results"] == [
        {"id": existing.pk, "title": existing.title, "url": f"/ideas/{existing.pk}/", "votes": 0}
    ]


def test_an_anonymous_idea_hides_its_author_except_from_the_owner(client, teams, owner, insider):
    campaign = challenge(owner=owner, phase="open", allow_anonymous_ideas=True)
    author = person(username="discreet", team=teams["it"])
    author.first_name, author.last_name = "Zoé", "Discrète"
    author.save()
    target = idea(campaign, author=author, anonymous=True, title="Idée secrète")

    colleague_view = signed_in(client, insider).get(f"/ideas/{target.pk}/").content.decode()
    challenge_view = client.get(campaign.url).content.decode()
    owner_view = signed_in(Client(), owner).get(f"/ideas/{target.pk}/").content.decode()

    assert "Discrète" not in colleague_view and "Discrète" not in challenge_view
    assert "Anonymous" in colleague_view or "Anonyme" in colleague_view
    assert "Zoé Discrète" in owner_view


def test_anonymity_is_refused_when_the_challenge_does_not_allow_it(client, it_challenge, insider):
    signed_in(client, insider).post(
        f"/ideas/challenges/{it_challenge.pk}/submit/",
        {"title": "Caché", "description": "Texte", "anonymous": "on"},
    )

    assert Idea.objects.get().anonymous is False


def test_voting_is_a_post_and_is_counted(client, it_challenge, insider):
    target = idea(it_challenge)
    signed_in(client, insider)

    assert client.get(f"/ideas/{target.pk}/vote/").status_code == 405
    response = client.post(f"/ideas/{target.pk}/vote/", {"next": it_challenge.url})
    assert response.status_code == 302 and response.url == it_challenge.url
    client.post(f"/ideas/{target.pk}/vote/")
    target.refresh_from_db()
    assert target.vote_count == 1
    away = client.post(f"/ideas/{target.pk}/unvote/", {"next": "https://evil.example/"})
    assert away.url == f"/ideas/{target.pk}/"
    target.refresh_from_db()
    assert target.vote_count == 0


def test_forms_need_the_csrf_token(it_challenge, insider):
    target = idea(it_challenge)
    client = Client(enforce_csrf_checks=True)
    client.force_login(insider)

    assert client.post(f"/ideas/{target.pk}/vote/").status_code == 403


def test_comments_have_one_level_of_replies_and_are_sanitised(client, it_challenge, insider):
    target = idea(it_challenge)
    signed_in(client, insider)

    client.post(f"/ideas/{target.pk}/comments/", {"body": "Bravo <script>x</script>"})
    top = Comment.objects.get()
    client.post(f"/ideas/{target.pk}/comments/", {"body": "Merci", "parent": top.pk})
    reply = Comment.objects.get(body__contains="Merci")
    client.post(f"/ideas/{target.pk}/comments/", {"body": "Et encore", "parent": reply.pk})

    assert "<script" not in top.body
    assert reply.parent == top
    assert Comment.objects.get(body__contains="encore").parent == top
    target.refresh_from_db()
    assert target.comment_count == 3


def test_only_the_owner_answers_and_the_history_is_shown(client, it_challenge, owner, insider):
    target = idea(it_challenge)
    answer = {"status": "selected", "message": "Nous la retenons !"}

    assert signed_in(client, insider).post(f"/ideas/{target.pk}/answer/", answer).status_code == 403
    signed_in(client, owner).post(f"/ideas/{target.pk}/answer/", answer)

    target.refresh_from_db()
    assert target.status == "selected"
    assert StatusChange.objects.get().from_status == "submitted"
    assert "Nous la retenons" in client.get(f"/ideas/{target.pk}/").content.decode()


def test_a_decided_idea_shows_its_badge_and_answer_and_no_support_button(
    client, it_challenge, owner, insider
):
    from ideas.services import answer_idea

    decided = idea(it_challenge, title="Imprimantes partagées")
    waiting = idea(it_challenge, title="Vélos de service")
    answer_idea(
        user=owner, idea=decided, status="selected", message="<p>Nous la testons au <b>2e</b>.</p>"
    )
    signed_in(client, insider)

    listing = client.get(it_challenge.url).content.decode()
    decided_card = listing[listing.index("Imprimantes partagées") :]
    decided_card = decided_card[: decided_card.index("</li>")]
    waiting_card = listing[listing.index("Vélos de service") :]
    waiting_card = waiting_card[: waiting_card.index("</li>")]
    assert 'status-badge status-badge--selected"' in decided_card
    assert "Retenue" in decided_card
    assert "Réponse du porteur :</span> Nous la testons au 2e." in decided_card
    assert f"/ideas/{decided.pk}/vote/" not in decided_card
    assert 'status-badge status-badge--submitted"' in waiting_card
    assert f"/ideas/{waiting.pk}/vote/" in waiting_card

    page = client.get(f"/ideas/{decided.pk}/").content.decode()
    official = page[page.index('data-testid="official-answer"') :]
    assert "Réponse officielle du" in official
    assert "Nous la testons au <b>2e</b>." in official
    assert f"/ideas/{decided.pk}/vote/" not in page
    refused = client.post(f"/ideas/{decided.pk}/vote/")
    decided.refresh_from_db()
    assert refused.status_code in (302, 409) and decided.vote_count == 0


def test_following_and_unfollowing(client, it_challenge, insider):
    target = idea(it_challenge)
    signed_in(client, insider)

    client.post(f"/ideas/{target.pk}/follow/")
    client.post(f"/ideas/challenges/{it_challenge.pk}/follow/")
    assert insider.idea_follows.count() == 2
    client.post(f"/ideas/{target.pk}/follow/", {"action": "unfollow"})
    assert insider.idea_follows.count() == 1


def _queries(client, url: str) -> int:
    """The queries of a second read: the first builds what is cached (the header's menu)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_challenge_page_makes_a_constant_number_of_queries(client, it_challenge, insider):
    signed_in(client, insider)
    idea(it_challenge, title="Seule")
    few = _queries(client, it_challenge.url)

    it_challenge.allow_anonymous_ideas = True
    it_challenge.save()
    for n in range(15):
        many = idea(
            it_challenge,
            title=f"Idée {n}",
            author=person(username=f"author{n}"),
            anonymous=n % 2 == 0,
        )
        many.tags.set([f"tag{n}", "commun"])
    assert _queries(client, it_challenge.url) == few


def test_a_challenge_lists_its_ideas_twenty_per_page_in_the_chosen_order(
    client, it_challenge, insider
):
    signed_in(client, insider)
    for number in range(25):
        idea(it_challenge, title=f"Idée n°{number:02d}", vote_count=number)

    first = client.get(f"{it_challenge.url}?order=top").content.decode()
    second = client.get(f"{it_challenge.url}?order=top&page=2").content.decode()

    assert "25 idées" in first and "25 idées" in second
    assert first.index("Idée n°24") < first.index("Idée n°05")
    assert "Idée n°04" not in first
    assert 'href="?order=top&amp;page=2" rel="next"' in first
    assert all(f"Idée n°{n:02d}" in second for n in range(5)) and "Idée n°05" not in second


def test_the_challenge_page_shows_each_idea_with_its_own_tags_in_order(
    client, it_challenge, insider
):
    signed_in(client, insider)
    tagged = idea(it_challenge, title="Étiquetée")
    tagged.tags.set(["zéro-papier", "atelier"])
    idea(it_challenge, title="Sans étiquette")

    html = client.get(it_challenge.url).content.decode()

    cards = {
        title: next(card for card in html.split('class="card idea-card')[1:] if title in card)
        for title in ("Étiquetée", "Sans étiquette")
    }
    assert '<li class="tag">atelier</li><li class="tag">zéro-papier</li>' in cards["Étiquetée"]
    assert 'class="tag"' not in cards["Sans étiquette"]


def test_the_idea_page_makes_a_constant_number_of_queries(client, it_challenge, insider):
    signed_in(client, insider)
    target = idea(it_challenge)
    comment_on(target, author=insider, body="<p>Un</p>", created_at=target.created_at)
    few = _queries(client, f"/ideas/{target.pk}/")

    for n in range(10):
        writer = person(username=f"writer{n}")
        top = comment_on(target, author=writer, body="<p>x</p>", created_at=target.created_at)
        comment_on(target, author=writer, parent=top, body="<p>y</p>", created_at=target.created_at)
    assert _queries(client, f"/ideas/{target.pk}/") == few


def at(minutes: int):
    return timezone.now() - timedelta(hours=1) + timedelta(minutes=minutes)


def test_an_idea_shows_its_conversations_newest_first_a_page_at_a_time(
    client, it_challenge, insider
):
    signed_in(client, insider)
    target = idea(it_challenge)
    total = CONVERSATIONS_PER_PAGE + 2
    for number in range(total):
        comment_on(target, author=insider, body=f"<p>Fil n°{number:02d}</p>", created_at=at(number))

    first = client.get(f"/ideas/{target.pk}/").content.decode()
    second = client.get(f"/ideas/{target.pk}/?page=2").content.decode()

    assert f"{total} conversations, les plus récentes d’abord" in first
    assert first.index(f"Fil n°{total - 1:02d}") < first.index("Fil n°02")
    assert "Fil n°01" not in first and 'rel="next"' in first
    assert "Fil n°00" in second and "Fil n°01" in second and "Fil n°02" not in second


def test_a_reply_leads_back_to_the_page_of_its_conversation(client, it_challenge, insider):
    signed_in(client, insider)
    target = idea(it_challenge)
    oldest = comment_on(target, author=insider, body="<p>Le plus ancien</p>", created_at=at(0))
    for number in range(CONVERSATIONS_PER_PAGE):
        comment_on(
            target, author=insider, body=f"<p>Récent {number}</p>", created_at=at(number + 1)
        )

    response = client.post(
        f"/ideas/{target.pk}/comments/", {"body": "Ma réponse", "parent": oldest.pk}
    )

    reply = Comment.objects.get(parent=oldest)
    assert response.url == f"/ideas/{target.pk}/?page=2#comment-{reply.pk}"
    assert "Ma réponse" in client.get(response.url).content.decode()


def test_the_hub_makes_a_constant_number_of_queries(client, teams, insider):
    signed_in(client, insider)
    challenge(title="Premier", phase="open", audience=[teams["it"]])
    few = _queries(client, hub().url)

    for n in range(8):
        challenge(title=f"Défi {n}", phase="open", audience=[teams["it"]] if n % 2 else [])
    assert _queries(client, hub().url) == few
