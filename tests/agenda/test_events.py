"""Events: who plans them, what an event must say, who reads its page and its `.ics` file,
the report afterwards, and the community's events partial."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import RSVP, Event, EventMode, RSVPStatus
from agenda.services.events import (
    EventDetails,
    cancel_event,
    create_event,
    write_report,
)
from agenda.services.rsvp import rsvp
from communities.event_host import community_events
from communities.models import Visibility
from core.conversations.errors import Conflict, Invalid, NotAllowed, NotFound
from core.models import OutboxTask
from core.outbox import run_stored_task
from notifications.models import Notification
from tests.communities.factories import community, event, join
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def soon(days: float = 3, hours: float = 2) -> tuple:
    starts = timezone.now() + timedelta(days=days)
    return starts, starts + timedelta(hours=hours)


def details(**fields) -> EventDetails:
    starts, ends = soon()
    values = {
        "title": "Atelier pâtisserie",
        "starts_at": starts,
        "ends_at": ends,
        "mode": EventMode.IN_PERSON,
        "place": "Lyon, salle 2",
    }
    values.update(fields)
    return EventDetails(**values)


# --- Planning ---------------------------------------------------------------------------------


def test_an_animator_plans_an_event_and_the_members_get_a_notice_but_no_email(mailoutbox):
    animator, member, outsider = person(), person(), person()
    group = community(animators=[animator], members=[member])

    planned = create_event(
        user=animator,
        host=group,
        details=details(description="Apportez <script>x</script><b>un tablier</b>"),
    )

    assert planned.organiser == animator and planned.host == group
    assert "<script>" not in planned.description and "<b>un tablier</b>" in planned.description
    for task in OutboxTask.objects.filter(task_path="agenda.tasks.announce_event"):
        run_stored_task(task.pk)
    notices = Notification.objects.filter(key=f"communities:event-new:{planned.pk}")
    assert list(notices.values_list("recipient", flat=True)) == [member.pk]
    assert not notices.get().immediate
    assert mailoutbox == []
    assert outsider.pk not in notices.values_list("recipient", flat=True)


def test_members_do_not_plan_events_and_outsiders_do_not_learn_of_a_secret_community():
    member, outsider = person(), person()
    secret = community(visibility=Visibility.SECRET, members=[member])

    with pytest.raises(NotAllowed):
        create_event(user=member, host=secret, details=details())
    with pytest.raises(NotFound):
        create_event(user=outsider, host=secret, details=details())


def test_events_of_no_community_are_for_administrators_and_holders_of_the_permission():
    employee, planner = person(), person()
    planner.user_permissions.add(Permission.objects.get(codename="add_event"))
    admin = person(is_superuser=True)

    with pytest.raises(NotAllowed):
        create_event(user=employee, host=None, details=details())
    assert create_event(user=planner, host=None, details=details()).host is None
    assert create_event(user=admin, host=None, details=details()).organiser == admin


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "Give the event a title"),
        ({"ends_at": timezone.now()}, "must end after it starts"),
        ({"mode": EventMode.ONLINE, "online_url": ""}, "online link"),
        ({"mode": EventMode.HYBRID, "online_url": "https://visio.example/x", "place": ""}, "place"),
        ({"mode": EventMode.IN_PERSON, "place": ""}, "place"),
        ({"mode": EventMode.ONLINE, "online_url": "javascript:alert(1)"}, "http"),
        ({"capacity": 0}, "at least one"),
        ({"mode": "party"}, "in person, online or hybrid"),
    ],
)
def test_an_event_says_what_is_missing_or_wrong(fields, message):
    animator = person()
    group = community(animators=[animator])

    with pytest.raises(Invalid, match=message):
        create_event(user=animator, host=group, details=details(**fields))
    assert not Event.objects.exists()


def test_an_online_event_keeps_no_place_and_an_in_person_one_no_link():
    animator = person()
    group = community(animators=[animator])
    online = create_event(
        user=animator,
        host=group,
        details=details(mode=EventMode.ONLINE, online_url="HTTPS://visio.example/a", place="x"),
    )
    assert (online.place, online.online_url) == ("", "https://visio.example/a")


def test_cancelling_tells_everyone_who_answered(mailoutbox):
    animator, going = person(), person(email="going@example.org")
    group = community(animators=[animator], members=[going])
    meeting = event(group, place="Lyon")
    rsvp(event=meeting, user=going)

    cancel_event(user=animator, event=meeting)
    cancel_event(user=animator, event=meeting)  # idempotent
    for task in OutboxTask.objects.filter(task_path="agenda.tasks.announce_event_cancelled"):
        run_stored_task(task.pk)

    assert Notification.objects.filter(
        key=f"communities:event-cancelled:{meeting.pk}", recipient=going
    ).exists()
    assert [message.to for message in mailoutbox] == [["going@example.org"]]
    with pytest.raises(Conflict, match="cancelled"):
        rsvp(event=meeting, user=person())


# --- Report -----------------------------------------------------------------------------------


def test_after_the_event_an_animator_writes_what_was_decided_and_what_it_produced():
    animator = person()
    group = community(animators=[animator])
    past = event(group, in_days=-2)

    reported = write_report(
        user=animator,
        event=past,
        report="On garde <b>le jeudi</b><img src=x onerror=alert(1)>",
        links=[
            {"title": "Idée : covoiturage", "url": "/ideas/12/"},
            {"title": "Le billet", "url": "https://ruche.example/communities/x/posts/3/"},
        ],
    )

    assert reported.reported_at is not None
    assert "onerror" not in reported.report and "<b>le jeudi</b>" in reported.report
    assert [link["url"] for link in reported.report_links] == [
        "/ideas/12/",
        "https://ruche.example/communities/x/posts/3/",
    ]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/x", "ftp://files.example/x", "data:text/html,x"]
)
def test_a_report_links_only_to_this_site_or_the_web(url):
    animator = person()
    past = event(community(animators=[animator]), in_days=-2)

    with pytest.raises(Invalid):
        write_report(user=animator, event=past, report="Fait", links=[{"title": "x", "url": url}])


def test_a_report_waits_for_the_end_says_something_and_is_written_by_those_who_run_it():
    animator, member = person(), person()
    group = community(animators=[animator], members=[member])

    with pytest.raises(Conflict, match="over"):
        write_report(user=animator, event=event(group), report="Fait", links=[])
    past = event(group, in_days=-2)
    with pytest.raises(Invalid, match="decided"):
        write_report(user=animator, event=past, report="<p> </p>", links=[])
    with pytest.raises(NotAllowed):
        write_report(user=member, event=past, report="Fait", links=[])


# --- Pages ------------------------------------------------------------------------------------


@pytest.fixture
def three():
    """An event in an open, a closed and a secret community; `member` belongs to all."""
    member = person(username="member")
    made = {
        visibility: event(
            community(visibility=visibility, members=[member]),
            title=f"Réunion {visibility}",
            place="Lyon",
        )
        for visibility in (Visibility.OPEN, Visibility.CLOSED, Visibility.SECRET)
    }
    return member, made


@pytest.mark.parametrize(
    ("who", "readable"),
    [
        ("member", {"open", "closed", "secret"}),
        ("outsider", {"open"}),
        ("admin", {"open", "closed", "secret"}),
    ],
)
def test_event_pages_and_calendar_files_are_for_readers_only(client, three, who, readable):
    member, made = three
    users = {"member": member, "outsider": person(), "admin": person(is_superuser=True)}
    client.force_login(users[who])

    for visibility, meeting in made.items():
        page = client.get(f"/events/{meeting.pk}/")
        ics = client.get(f"/events/{meeting.pk}/event.ics")
        expected = 200 if visibility in readable else 404
        assert (page.status_code, ics.status_code) == (expected, expected), visibility

    listed = client.get("/events/").content.decode()
    for visibility, meeting in made.items():
        assert (meeting.title in listed) == (visibility in readable), visibility


def test_the_event_page_shows_the_places_my_answer_and_who_is_going(client):
    member = person(username="camille", first_name="Camille", last_name="Martin")
    group = community(members=[member])
    meeting = event(group, capacity=1, place="Lyon, salle 2")
    rsvp(event=meeting, user=member)
    others = [person() for _ in range(3)]
    for other in others:
        rsvp(event=meeting, user=other)

    client.force_login(others[2])
    page = client.get(f"/events/{meeting.pk}/").content.decode()

    assert "Lyon, salle 2" in page
    assert "1 inscrit·es sur 1, 0 place restante" in page
    assert "Vous êtes 3e sur la liste d’attente" in page
    assert "Camille Martin" in page
    assert "Quitter la liste d’attente" in page


def test_answering_and_withdrawing_from_the_page(client):
    member = person()
    meeting = event(community(members=[member]), place="Lyon")
    client.force_login(member)

    client.post(f"/events/{meeting.pk}/rsvp/")
    assert RSVP.objects.get(user=member).status == RSVPStatus.GOING
    assert "Vous participez" in client.get(meeting.get_absolute_url()).content.decode()
    client.post(f"/events/{meeting.pk}/rsvp/", {"action": "cancel"})
    assert not RSVP.objects.filter(user=member).exists()


def test_the_link_of_an_event_with_a_capacity_is_for_those_going(client):
    member, other = person(), person()
    group = community(members=[member, other])
    link = "https://visio.example/atelier"
    limited = event(group, mode=EventMode.ONLINE, online_url=link, capacity=5)
    open_to_all = event(group, mode=EventMode.ONLINE, online_url=link)
    rsvp(event=limited, user=member)

    client.force_login(other)
    assert link not in client.get(limited.get_absolute_url()).content.decode()
    assert link not in client.get(f"/events/{limited.pk}/event.ics").content.decode()
    assert link in client.get(open_to_all.get_absolute_url()).content.decode()
    client.force_login(member)
    assert link in client.get(limited.get_absolute_url()).content.decode()


def test_an_animator_plans_from_the_form_in_paris_time(client):
    animator, member = person(), person()
    group = community(animators=[animator], members=[member], slug="cuisine")
    client.force_login(member)
    assert client.get("/communities/cuisine/events/new/").status_code == 404
    client.force_login(animator)
    assert client.get("/communities/cuisine/events/new/").status_code == 200

    response = client.post(
        "/communities/cuisine/events/new/",
        {
            "title": "Atelier",
            "mode": "in_person",
            "starts_at": "2099-06-01T10:00",
            "ends_at": "2099-06-01T09:00",
            "place": "Lyon",
        },
    )
    assert "doit finir après avoir commencé" in response.content.decode()
    client.post(
        "/communities/cuisine/events/new/",
        {
            "title": "Atelier",
            "mode": "in_person",
            "starts_at": "2099-06-01T10:00",
            "ends_at": "2099-06-01T12:00",
            "place": "Lyon",
            "capacity": "8",
        },
    )
    planned = group.events.get()
    assert planned.starts_at.isoformat() == "2099-06-01T08:00:00+00:00"  # 10:00 in Paris
    assert planned.capacity == 8


def test_the_report_form_and_the_report_on_the_page(client):
    animator = person()
    past = event(community(animators=[animator]), in_days=-2, place="Lyon")
    client.force_login(animator)

    client.post(
        f"/events/{past.pk}/report/",
        {"report": "On garde le jeudi.", "links": "Covoiturage | /ideas/12/"},
    )

    page = client.get(past.get_absolute_url()).content.decode()
    assert "On garde le jeudi." in page
    assert '<a href="/ideas/12/">Covoiturage</a>' in page


def test_the_event_page_costs_the_same_queries_whatever_the_number_of_attendees(client):
    member = person()
    group = community(members=[member])
    meeting = event(group, capacity=3, place="Lyon")
    client.force_login(member)
    client.get(meeting.get_absolute_url())  # session, content types, translations warmed

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(8):
        rsvp(event=meeting, user=person())
    # 8: the host is a generic relation (agenda.hosts), loaded in a query of its own where
    # the community used to be joined; the reader's permissions come from the cache.
    assert queries() == few == 8


def test_the_community_partial_lists_upcoming_events_with_my_answer_then_reports():
    member = person()
    group = community(members=[member])
    coming = event(group, title="Atelier à venir", capacity=4, place="Lyon")
    rsvp(event=coming, user=member)
    past = event(
        group,
        title="Atelier passé",
        in_days=-3,
        report="<p>On garde le jeudi.</p>",
        reported_at=timezone.now(),
    )
    hidden_elsewhere = event(community(visibility=Visibility.SECRET), title="Ailleurs")

    context = community_events(member, group)
    html = render_to_string("communities/includes/community_events.html", {"events": context})

    assert [e.pk for e in context.upcoming] == [coming.pk]
    assert [e.pk for e in context.reports] == [past.pk]
    assert "Atelier à venir" in html and "You are going" in html
    assert "Report: Atelier passé" in html and "On garde le jeudi." in html
    assert hidden_elsewhere.title not in html


def test_the_community_partial_shows_nothing_to_someone_who_may_not_read_it():
    outsider = person()
    closed = community(visibility=Visibility.CLOSED)
    event(closed, title="Réunion fermée")

    assert not community_events(outsider, closed)
    join(closed, outsider)
    delattr(outsider, "_ruche_community_ids")
    assert community_events(outsider, closed).upcoming
