"""Workshops: created by the owner, capacity holding under concurrent sign-ups, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import timezone

from ideas.models import Workshop, WorkshopRegistration
from ideas.reminders import send_workshop_reminders
from ideas.services import (
    Conflict,
    Invalid,
    NotAllowed,
    NotFound,
    cancel_sign_up,
    create_workshop,
    sign_up,
)
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.people.factories import TeamFactory, person


def plan(owner, campaign, *, capacity=2, hours=48):
    return create_workshop(
        user=owner,
        challenge=campaign,
        title="Atelier recto verso",
        starts_at=timezone.now() + timedelta(hours=hours),
        capacity=capacity,
        place="Salle Ruche",
    )


def test_the_owner_plans_a_workshop_about_some_ideas(owner):
    campaign = challenge(owner=owner, phase="open")
    linked = idea(campaign)

    workshop = create_workshop(
        user=owner,
        challenge=campaign,
        title="Atelier",
        starts_at=timezone.now() + timedelta(days=3),
        capacity=8,
        link="https://visio.example/atelier",
        idea_ids=[linked.pk],
    )

    assert list(workshop.ideas.all()) == [linked]
    with pytest.raises(NotAllowed):
        plan(person(username="x"), campaign)


def test_sign_ups_stop_when_full_and_a_seat_can_be_given_back(owner):
    workshop = plan(owner, challenge(owner=owner, phase="open"), capacity=1)
    first, second = person(username="first"), person(username="second")

    sign_up(user=first, workshop=workshop)
    with pytest.raises(Conflict, match="already signed up"):
        sign_up(user=first, workshop=workshop)
    with pytest.raises(Conflict, match="full"):
        sign_up(user=second, workshop=workshop)
    cancel_sign_up(user=first, workshop=workshop)
    sign_up(user=second, workshop=workshop)


def test_people_outside_the_audience_cannot_sign_up(owner):
    campaign = challenge(owner=owner, phase="open", audience=[TeamFactory(name="IT")])
    workshop = plan(owner, campaign)

    with pytest.raises(NotFound):
        sign_up(user=person(username="outsider", team=TeamFactory(name="RH")), workshop=workshop)


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_sign_ups():
    owner = person(username="owner")
    workshop = plan(owner, challenge(owner=owner, phase="open"), capacity=5)
    people = [person(username=f"eager{n}") for n in range(20)]

    outcomes = run_in_threads(
        20, lambda n: sign_up(user=people[n], workshop=Workshop.objects.get(pk=workshop.pk))
    )

    assert sum(isinstance(outcome, WorkshopRegistration) for outcome in outcomes) == 5
    assert all(isinstance(o, WorkshopRegistration | Conflict) for o in outcomes), outcomes
    assert WorkshopRegistration.objects.filter(workshop=workshop).count() == 5


def test_participants_are_reminded_once_the_day_before(owner):
    campaign = challenge(owner=owner, phase="open")
    soon, later = plan(owner, campaign, hours=20), plan(owner, campaign, hours=72)
    for workshop in (soon, later):
        sign_up(user=person(username=f"p{workshop.pk}"), workshop=workshop)
    mail.outbox.clear()

    assert send_workshop_reminders() == 1
    assert send_workshop_reminders() == 0

    assert [message.to for message in mail.outbox] == [[f"p{soon.pk}@example.org"]]
    assert "Atelier recto verso" in mail.outbox[0].body


def test_the_reminder_job_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "ideas.remind_workshop_participants" in tasks


def test_the_workshops_page_lets_people_join(client, owner):
    campaign = challenge(owner=owner, phase="open")
    workshop = plan(owner, campaign, capacity=1)
    employee = person(username="employee")
    client.force_login(employee)

    page = client.get(f"/ideas/challenges/{campaign.pk}/workshops/")
    assert "Atelier recto verso" in page.content.decode()
    assert client.post(f"/ideas/challenges/{campaign.pk}/workshops/", {}).status_code == 404
    client.post(f"/ideas/workshops/{workshop.pk}/sign-up/")
    assert WorkshopRegistration.objects.filter(user=employee).exists()

    client.force_login(owner)
    client.post(
        f"/ideas/challenges/{campaign.pk}/workshops/",
        {"title": "Deuxième", "starts_at": "2099-01-01T10:00", "capacity": "4", "place": "Lyon"},
    )
    assert Workshop.objects.filter(title="Deuxième", capacity=4).exists()


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        " JavaScript:alert(document.cookie)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://files.example/atelier",
        "//evil.example/atelier",
        "visio.example",
    ],
)
def test_a_workshop_link_must_be_an_http_or_https_address(owner, link):
    campaign = challenge(owner=owner, phase="open")

    with pytest.raises(Invalid, match="http:// or https://"):
        create_workshop(
            user=owner,
            challenge=campaign,
            title="Atelier",
            starts_at=timezone.now() + timedelta(days=3),
            capacity=8,
            link=link,
        )

    assert not Workshop.objects.exists()


def test_a_bad_link_is_a_form_error_and_the_rest_of_the_form_is_kept(client, owner):
    campaign = challenge(owner=owner, phase="open")
    client.force_login(owner)

    page = client.post(
        f"/ideas/challenges/{campaign.pk}/workshops/",
        {
            "title": "Atelier du jeudi",
            "starts_at": "2099-01-01T10:00",
            "capacity": "4",
            "link": "javascript:alert(1)",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = page.content.decode()
    assert page.status_code == 200 and not Workshop.objects.exists()
    assert "http:// or https://" in html and 'value="Atelier du jeudi"' in html
    assert 'href="javascript:' not in html


def test_a_stored_link_that_is_not_http_is_never_rendered_as_a_link():
    rendered = Template(
        "{% load links %}<a href='{{ good|web_href }}'></a>{% if bad|web_href %}BAD{% endif %}"
    ).render(Context({"good": "https://visio.example/a?b=1&c=2", "bad": "javascript:alert(1)"}))

    assert rendered == "<a href='https://visio.example/a?b=1&amp;c=2'></a>"


def test_the_database_refuses_a_workshop_link_that_is_not_http(owner):
    campaign = challenge(owner=owner, phase="open")

    with pytest.raises(IntegrityError), transaction.atomic():
        Workshop.objects.create(
            challenge=campaign,
            title="Direct",
            starts_at=timezone.now() + timedelta(days=1),
            capacity=3,
            link="javascript:alert(1)",
        )


def test_the_owner_picks_the_ideas_of_a_workshop_among_the_challenge_visible_ideas(client, owner):
    campaign = challenge(owner=owner, phase="open")
    chosen, also = idea(campaign, title="Recto verso"), idea(campaign, title="Papier recyclé")
    hidden = idea(campaign, title="Cachée", hidden_at=timezone.now())
    merged = idea(campaign, title="Fusionnée", merged_into=chosen)
    elsewhere = idea(challenge(owner=owner, title="Ailleurs", phase="open"), title="Étrangère")
    url = f"/ideas/challenges/{campaign.pk}/workshops/"
    client.force_login(owner)

    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<legend>Ideas discussed</legend>" in form
    assert f'type="checkbox" name="ideas" value="{chosen.pk}"' in form
    assert "Papier recyclé" in form
    for absent in ("Cachée", "Fusionnée", "Étrangère"):
        assert absent not in form

    base = {"title": "Atelier", "starts_at": "2099-01-01T10:00", "capacity": "6", "place": "Lyon"}
    for intruder in (hidden, merged, elsewhere):
        refused = client.post(
            url, {**base, "ideas": [chosen.pk, intruder.pk]}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert refused.status_code == 200 and not Workshop.objects.exists()
        assert "Select a valid choice" in refused.content.decode()
    client.post(url, {**base, "ideas": [chosen.pk, also.pk]})

    assert set(Workshop.objects.get().ideas.all()) == {chosen, also}


def test_the_service_refuses_ideas_outside_the_challenge_visible_ideas(owner):
    campaign = challenge(owner=owner, phase="open")
    hidden = idea(campaign, title="Cachée", hidden_at=timezone.now())
    elsewhere = idea(challenge(owner=owner, title="Ailleurs", phase="open"))

    for intruder in (hidden, elsewhere):
        with pytest.raises(Invalid, match="ideas of this challenge"):
            create_workshop(
                user=owner,
                challenge=campaign,
                title="Atelier",
                starts_at=timezone.now() + timedelta(days=3),
                capacity=8,
                place="Lyon",
                idea_ids=[intruder.pk],
            )
    assert not Workshop.objects.exists()
