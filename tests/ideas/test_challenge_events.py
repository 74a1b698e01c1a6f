"""A challenge's workshops are its events (agenda): planned by its owner with the agenda's
form about some of its ideas, answered with a waiting list, reminded the day before, listed
on the challenge page with their reports; hidden from whoever may not see the challenge; the
old workshop addresses lead to them."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.template import Context, Template
from django.utils import timezone

from agenda.models import RSVP, Event, RSVPStatus
from agenda.notifications import send_reminders
from agenda.search import event_document
from agenda.selectors.access import events_readable_by
from agenda.services.events import EventDetails, Invalid, NotAllowed, NotFound, write_report
from agenda.services.rsvp import cancel_rsvp, rsvp
from core.models import ExternalKey
from ideas.event_host import OLD_WORKSHOP_KIND
from ideas.services import Invalid as IdeasInvalid
from ideas.services import plan_challenge_event
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, guest, person


def details(*, hours=48, **fields) -> EventDetails:
    starts = timezone.now() + timedelta(hours=hours)
    return EventDetails(
        **{
            "title": "Atelier recto verso",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "place": "Salle Ruche",
            "capacity": 2,
            **fields,
        }
    )


def plan(owner, campaign, **fields) -> Event:
    return plan_challenge_event(user=owner, challenge=campaign, details=details(**fields))


def test_the_owner_plans_an_event_of_the_challenge_about_some_ideas(owner):
    campaign = challenge(owner=owner, phase="open")
    linked = idea(campaign)

    planned = plan_challenge_event(
        user=owner, challenge=campaign, details=details(), idea_ids=[linked.pk]
    )

    assert planned.host == campaign and planned.organiser == owner
    assert list(planned.ideas.all()) == [linked]
    assert list(campaign.events.all()) == [planned]
    with pytest.raises(NotAllowed, match="challenge owner"):
        plan(person(username="x"), campaign)


def test_the_service_refuses_ideas_outside_the_challenge_visible_ideas(owner):
    campaign = challenge(owner=owner, phase="open")
    hidden = idea(campaign, title="Cachée", hidden_at=timezone.now())
    elsewhere = idea(challenge(owner=owner, title="Ailleurs", phase="open"))

    for intruder in (hidden, elsewhere):
        with pytest.raises(IdeasInvalid, match="ideas of this challenge"):
            plan_challenge_event(
                user=owner, challenge=campaign, details=details(), idea_ids=[intruder.pk]
            )
    assert not Event.objects.exists()


def test_places_then_the_waiting_list_and_a_place_given_back_goes_to_the_first_waiting(owner):
    meeting = plan(owner, challenge(owner=owner, phase="open"), capacity=1)
    first, second = person(username="first"), person(username="second")

    assert rsvp(event=meeting, user=first).status == RSVPStatus.GOING
    assert rsvp(event=meeting, user=second).status == RSVPStatus.WAITLIST
    cancel_rsvp(event=meeting, user=first)

    assert RSVP.objects.get(user=second).status == RSVPStatus.GOING


def test_people_outside_the_audience_neither_see_nor_answer_its_events(client, owner):
    it = TeamFactory(name="IT")
    campaign = challenge(owner=owner, phase="open", audience=[it])
    meeting = plan(owner, campaign)
    outsider = person(username="outsider", team=TeamFactory(name="RH"))
    insider = person(username="insider", team=it)

    with pytest.raises(NotFound):
        rsvp(event=meeting, user=outsider)
    assert not events_readable_by(outsider).exists()
    assert list(events_readable_by(insider)) == [meeting]
    client.force_login(outsider)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(f"/api/events/{meeting.pk}/").status_code == 404
    assert client.get("/api/events/").json() == []
    client.force_login(insider)
    body = client.get(f"/api/events/{meeting.pk}/").json()
    assert body["community"] is None
    assert body["host"] == {
        "kind": "challenge",
        "ref": str(campaign.pk),
        "title": campaign.title,
        "url": campaign.url,
    }


@pytest.mark.django_db(transaction=True)
def test_places_hold_under_concurrent_answers():
    owner = person(username="owner")
    meeting = plan(owner, challenge(owner=owner, phase="open"), capacity=5)
    people = [person(username=f"eager{n}") for n in range(20)]

    outcomes = run_in_threads(
        20, lambda n: rsvp(event=Event.objects.get(pk=meeting.pk), user=people[n])
    )

    assert all(isinstance(outcome, RSVP) for outcome in outcomes), outcomes
    assert RSVP.objects.filter(event=meeting, status=RSVPStatus.GOING).count() == 5
    assert RSVP.objects.filter(event=meeting, status=RSVPStatus.WAITLIST).count() == 15
    meeting.refresh_from_db()
    assert (meeting.going_count, meeting.waitlist_count) == (5, 15)


def test_those_going_are_reminded_once_the_day_before(owner):
    campaign = challenge(owner=owner, phase="open")
    soon, later = plan(owner, campaign, hours=20), plan(owner, campaign, hours=72)
    for meeting in (soon, later):
        rsvp(event=meeting, user=person(username=f"p{meeting.pk}"))
    mail.outbox.clear()

    assert send_reminders() == 1
    assert send_reminders() == 0

    reminders = [message for message in mail.outbox if "Atelier recto verso" in message.subject]
    assert [message.to for message in reminders] == [[f"p{soon.pk}@example.org"]]


def test_the_challenge_page_lists_upcoming_events_and_past_ones_with_their_report(client, owner):
    campaign = challenge(owner=owner, phase="open")
    about = idea(campaign, title="Imprimer moins")
    coming = plan_challenge_event(
        user=owner,
        challenge=campaign,
        details=details(title="Atelier à venir"),
        idea_ids=[about.pk],
    )
    past = plan(owner, campaign, title="Atelier passé", hours=48)
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3)
    )
    past.refresh_from_db()
    write_report(user=owner, event=past, report="On garde le recto verso.", links=[])
    plan(owner, campaign, title="Atelier sans compte rendu", hours=-72 + 1)
    employee = person(username="employee")
    client.force_login(employee)

    html = client.get(campaign.url).content.decode()

    assert 'id="events"' in html and coming.get_absolute_url() in html
    assert "Imprimer moins" in html and "On garde le recto verso." in html
    assert f"{past.get_absolute_url()}#report" in html
    assert f"/ideas/challenges/{campaign.pk}/events/new/" not in html
    client.force_login(owner)
    assert (
        f"/ideas/challenges/{campaign.pk}/events/new/" in client.get(campaign.url).content.decode()
    )


def test_the_owner_plans_with_the_agendas_form_and_picks_visible_ideas(client, owner):
    campaign = challenge(owner=owner, phase="open")
    chosen, also = idea(campaign, title="Recto verso"), idea(campaign, title="Papier recyclé")
    hidden = idea(campaign, title="Cachée", hidden_at=timezone.now())
    elsewhere = idea(challenge(owner=owner, title="Ailleurs", phase="open"), title="Étrangère")
    url = f"/ideas/challenges/{campaign.pk}/events/new/"
    client.force_login(person(username="employee"))
    assert client.get(url).status_code == 404
    client.force_login(owner)

    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<legend>Ideas discussed</legend>" in form or "Ideas discussed" in form
    assert f'type="checkbox" name="ideas" value="{chosen.pk}"' in form
    for absent in ("Cachée", "Étrangère"):
        assert absent not in form
    base = {
        "title": "Atelier",
        "mode": "in_person",
        "starts_at": "2099-01-01T10:00",
        "ends_at": "2099-01-01T12:00",
        "capacity": "6",
        "place": "Lyon",
    }
    for intruder in (hidden, elsewhere):
        refused = client.post(url, {**base, "ideas": [chosen.pk, intruder.pk]})
        assert refused.status_code == 200 and not Event.objects.exists()
    planned = client.post(url, {**base, "ideas": [chosen.pk, also.pk]})

    made = Event.objects.get()
    assert planned.status_code == 302 and planned["Location"] == made.get_absolute_url()
    assert made.host == campaign and set(made.ideas.all()) == {chosen, also}


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "//evil.example/a"])
def test_an_online_link_must_be_an_http_or_https_address(owner, link):
    campaign = challenge(owner=owner, phase="open")

    with pytest.raises(Invalid):
        plan(owner, campaign, mode="online", place="", online_url=link)

    assert not Event.objects.exists()


def test_a_stored_link_that_is_not_http_is_never_rendered_as_a_link():
    rendered = Template(
        "{% load links %}<a href='{{ good|web_href }}'></a>{% if bad|web_href %}BAD{% endif %}"
    ).render(Context({"good": "https://visio.example/a?b=1&c=2", "bad": "javascript:alert(1)"}))

    assert rendered == "<a href='https://visio.example/a?b=1&amp;c=2'></a>"


def test_the_old_workshop_addresses_lead_to_the_events(client, owner):
    it = TeamFactory(name="IT")
    campaign = challenge(owner=owner, phase="open", audience=[it])
    meeting = plan(owner, campaign)
    ExternalKey.objects.create(
        kind=OLD_WORKSHOP_KIND,
        key="41",
        content_type=ContentType.objects.get_for_model(Event),
        object_id=str(meeting.pk),
    )
    insider = person(username="insider", team=it)
    client.force_login(insider)

    page = client.get(f"/ideas/challenges/{campaign.pk}/workshops/")
    assert page.status_code == 301 and page["Location"] == f"{campaign.url}#events"
    answer = client.post("/ideas/workshops/41/sign-up/")
    assert answer.status_code == 308
    assert answer["Location"] == f"/events/{meeting.pk}/rsvp/"
    assert client.post("/ideas/workshops/42/sign-up/").status_code == 404
    client.force_login(person(username="outsider", team=TeamFactory(name="RH")))
    assert client.get(f"/ideas/challenges/{campaign.pk}/workshops/").status_code == 404


def test_a_challenges_event_is_found_by_the_challenges_audience_only(owner):
    it = TeamFactory(name="IT")
    restricted = challenge(owner=owner, phase="open", audience=[it], title="Défi IT")
    opened = challenge(owner=owner, phase="open", title="Défi ouvert")

    for_it = event_document(plan(owner, restricted))
    for_all = event_document(plan(owner, opened))

    assert for_it.audience_team_ids == [it.pk] and for_it.community_ids is None
    assert "Défi IT" in for_it.body and for_it.parent == str(restricted.pk)
    assert for_all.audience_team_ids is None and for_all.group_ids is None


def test_outside_guests_never_read_a_challenges_events(owner):
    meeting = plan(owner, challenge(owner=owner, phase="open"))

    assert not events_readable_by(guest()).filter(pk=meeting.pk).exists()
