"""A notice never shows text its reader may no longer see: once the reader loses access to
what it names, the centre shows a neutral line instead and the digest leaves it out; both show
it again when access returns."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from ideas.notifications import deliver
from notifications.digests import build_digest, window_for
from notifications.jobs import send_digests
from notifications.models import Cadence, Notification
from notifications.services import notify
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, sections
from tests.notifications.factories import midweek_noon, notice, prefers
from tests.people.factories import TeamFactory, person

NOW = midweek_noon()
DAILY = window_for("daily", NOW)
YESTERDAY = DAILY.start + timedelta(hours=10)
GONE = "This item is no longer available to you."


def about(reader, target_kind: str, target_id: int, message: str, url: str = "/x/"):
    """A notice waiting for the reader's digest, about one object."""
    return notice(
        reader,
        key=f"{target_kind}:{target_id}:{message}",
        message=message,
        url=url,
        target_kind=target_kind,
        target_id=target_id,
        immediate=False,
        created_at=YESTERDAY,
    )


@pytest.fixture
def world(db, client):
    sections()
    it, hr = TeamFactory(name="IT"), TeamFactory(name="HR")
    reader = person(username="reader", team=it)
    prefers(reader, Cadence.DAILY, language="en")
    news = publish_news(title="Réorganisation", audience=[it])
    bikes = challenge(owner=person(username="owner"), title="Vélo", phase="open")
    garage = idea(bikes, title="Garage")
    about(reader, "news.page", news.pk, "Please read Réorganisation", url=news.url)
    about(reader, "ideas.challenge", bikes.pk, "Vélo closes soon", url=bikes.url)
    about(reader, "ideas.idea", garage.pk, "New idea Garage", url=f"/ideas/{garage.pk}/")
    client.force_login(reader)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return {"reader": reader, "it": it, "hr": hr, "news": news, "bikes": bikes, "idea": garage}


def address(page, field: str, teams) -> None:
    """An editor changes who a page is for, and publishes."""
    getattr(page, field).set(teams)
    page.save_revision().publish()


def centre(client) -> str:
    return client.get("/notifications/").content.decode()


def digest_titles(reader) -> list[str]:
    sections = build_digest(reader, DAILY).sections
    return [item.title for section in sections for item in section.items]


def test_a_news_notice_is_neutralised_when_the_page_is_addressed_to_other_teams(world, client):
    news = world["news"]
    assert "Please read Réorganisation" in centre(client)

    address(news, "audience_teams", [world["hr"]])

    html = centre(client)
    assert "Please read Réorganisation" not in html
    assert f'href="{news.url}"' not in html
    assert html.count(GONE) == 2  # the line, and the "mark as read" button's label
    assert "Please read Réorganisation" not in digest_titles(world["reader"])

    address(news, "audience_teams", [world["it"]])

    assert "Please read Réorganisation" in centre(client)
    assert "Please read Réorganisation" in digest_titles(world["reader"])


def test_a_news_notice_is_neutralised_while_the_page_is_private(world, client):
    restriction = PageViewRestriction.objects.create(
        page=world["news"], restriction_type=PageViewRestriction.GROUPS
    )
    assert "Please read Réorganisation" not in centre(client)

    restriction.delete()

    assert "Please read Réorganisation" in centre(client)


def test_challenge_and_idea_notices_are_neutralised_when_the_audience_leaves_the_reader_out(
    world, client
):
    address(world["bikes"], "audience", [world["hr"]])

    html = centre(client)
    assert "Vélo closes soon" not in html and "New idea Garage" not in html
    assert GONE in html

    address(world["bikes"], "audience", [world["it"]])

    html = centre(client)
    assert "Vélo closes soon" in html and "New idea Garage" in html


def test_an_idea_notice_is_neutralised_while_the_idea_is_hidden_and_once_it_is_deleted(
    world, client
):
    garage = world["idea"]
    garage.hidden_at = timezone.now()
    garage.save(update_fields=["hidden_at"])
    assert "New idea Garage" not in centre(client)
    assert "New idea Garage" not in digest_titles(world["reader"])

    garage.hidden_at = None
    garage.save(update_fields=["hidden_at"])
    assert "New idea Garage" in centre(client)

    garage.delete()
    assert "New idea Garage" not in centre(client)


def test_the_digest_email_leaves_out_notices_the_reader_may_no_longer_see(world, smtp_server):
    address(world["news"], "audience_teams", [world["hr"]])
    address(world["bikes"], "audience", [world["hr"]])
    about(world["reader"], "ideas.idea", 0, "Mentions a deleted idea")
    notice(world["reader"], key="legacy", message="An old notice", immediate=False)
    Notification.objects.filter(key="legacy").update(created_at=YESTERDAY)

    send_digests("daily", now=NOW)

    [message] = smtp_server.to(world["reader"].email)
    text = smtp_server.body(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "An old notice" in text  # no target: shown as it was
    for stale in ("Réorganisation", "Vélo closes soon", "New idea Garage", "deleted idea"):
        assert stale not in text and stale not in html, stale


def test_the_centre_checks_access_once_per_kind_whatever_the_number_of_notices(
    world, client, django_assert_max_num_queries
):
    reader, news = world["reader"], world["news"]
    centre(client)  # warm the site-root cache that publishing clears
    with CaptureQueriesContext(connection) as queries:
        centre(client)
    few = len(queries)  # now: the next request empties the connection's query log
    for number in range(6):
        more = publish_news(title=f"Info {number}")
        about(reader, "news.page", more.pk, f"Read Info {number}", url=more.url)
        about(reader, "ideas.idea", idea(world["bikes"]).pk, f"Idea {number}")
        about(reader, "ideas.challenge", world["bikes"].pk, f"Challenge {number}")
    address(news, "audience_teams", [world["hr"]])
    centre(client)

    with django_assert_max_num_queries(few):
        html = centre(client)

    assert html.count('data-testid="notification"') == 20
    assert "Read Info 5" in html


def test_the_posting_paths_name_their_target(world):
    garage, reader = world["idea"], world["reader"]
    notify(recipient_ids=[reader.pk], key="t", message="m", target=("news.page", 7))
    deliver(f"idea-submitted:{garage.pk}", garage.pk, None)

    assert Notification.objects.values_list("target_kind", "target_id").get(key="t") == (
        "news.page",
        7,
    )
    owner_notice = Notification.objects.get(key=f"ideas:idea-submitted:{garage.pk}")
    assert (owner_notice.target_kind, owner_notice.target_id) == ("ideas.idea", garage.pk)
