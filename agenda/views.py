"""Events pages: the list, an event, its `.ics` file, answering, planning and the report.

Thin: access through `selectors` (404 for an event one may not read), writes through
`services`; a refusal becomes a message on the page. A host's own "plan an event" page (a
community's, a challenge's) finds its host and calls `plan_event` here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda.forms import EventForm, ReportForm
from agenda.hosts import host_of
from agenda.ics import event_calendar
from agenda.models import Event, RSVPStatus
from agenda.selectors.events import (
    attendees,
    can_create_event,
    can_manage_event,
    event_for,
    has_ended,
    has_started,
    host_link,
    places_left,
    rsvp_of,
    rsvp_states,
    sees_online_link,
    upcoming_events,
    waitlist_position,
)
from agenda.services import events as event_services
from agenda.services.rsvp import cancel_rsvp, rsvp
from core.ratelimits import rate_limited
from notifications.emails import absolute_url

EventError = event_services.EventError
LIST_LIMIT = 100


def _readable(request, event_id: int) -> Event:
    event = event_for(request.user, event_id)
    if event is None:
        raise Http404
    return event


def _managed(request, event_id: int) -> Event:
    event = _readable(request, event_id)
    if not can_manage_event(request.user, event):
        raise Http404
    return event


@require_GET
def event_list(request):
    """Upcoming events I may read, soonest first, with my answer to each."""
    events = list(upcoming_events(request.user)[:LIST_LIMIT])
    states = rsvp_states(request.user, [event.pk for event in events])
    for event in events:
        event.my_rsvp = states.get(event.pk, "")
        event.places_left = places_left(event)
        event.host_link = host_link(event)
    return render(
        request,
        "agenda/events.html",
        {"events": events, "can_create": can_create_event(request.user, None)},
    )


@require_GET
def event_detail(request, event_id: int):
    event = _readable(request, event_id)
    mine = rsvp_of(request.user, event)
    manages = can_manage_event(request.user, event)
    context = {
        "event": event,
        "host_link": host_link(event),
        "rsvp": mine,
        "going": mine is not None and mine.status == RSVPStatus.GOING,
        "position": waitlist_position(mine)
        if mine is not None and mine.status == RSVPStatus.WAITLIST
        else None,
        "places_left": places_left(event),
        "attendees": attendees(event),
        "manages": manages,
        "show_online_link": sees_online_link(request.user, event, mine, manages=manages),
        "started": has_started(event),
        "ended": has_ended(event),
    }
    return render(request, "agenda/event.html", context)


@require_GET
def event_ics(request, event_id: int):
    """The event for a calendar program; the online link only for those who may see it."""
    event = _readable(request, event_id)
    mine = rsvp_of(request.user, event)
    manages = can_manage_event(request.user, event)
    text = event_calendar(
        event,
        url=absolute_url(event.get_absolute_url()),
        show_online_link=sees_online_link(request.user, event, mine, manages=manages),
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response


@require_POST
@rate_limited("rsvp")
def event_rsvp(request, event_id: int):
    """`action=cancel` gives my place back; anything else answers "I'm going"."""
    event = _readable(request, event_id)
    try:
        if request.POST.get("action") == "cancel":
            cancel_rsvp(event=event, user=request.user)
            messages.success(request, _("You are no longer registered."))
        else:
            answer = rsvp(event=event, user=request.user)
            if answer.status == RSVPStatus.GOING:
                messages.success(request, _("You are going. The invitation is in your email."))
            else:
                messages.info(request, _("The event is full: you are on the waiting list."))
    except EventError as refusal:
        messages.error(request, refusal.message)
    return redirect(event.get_absolute_url())


def _caption(host: Any) -> str:
    registration = host_of(host)
    return registration.caption(host) if registration is not None else ""


def plan_event(request, host: Any):
    """The "plan an event" page of `host` (None: for everyone): 404 to whoever may not plan
    it. For the hosts' own views, which find the host as they find it elsewhere."""
    if not can_create_event(request.user, host):
        raise Http404
    form = EventForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.create_event(
                user=request.user, host=host, details=form.details()
            )
        except EventError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The event is planned."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "agenda/event_form.html",
        {"form": form, "host": host, "host_caption": _caption(host), "event": None},
    )


@require_http_methods(["GET", "POST"])
def event_new(request):
    """An event of no host (administrators, `agenda.add_event`)."""
    return plan_event(request, None)


@require_http_methods(["GET", "POST"])
def event_edit(request, event_id: int):
    event = _managed(request, event_id)
    has_cover = event.cover_image_id is not None
    form = (
        EventForm(request.POST, request.FILES, has_cover=has_cover)
        if request.method == "POST"
        else EventForm.for_event(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            event_services.update_event(user=request.user, event=event, details=form.details())
        except EventError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "agenda/event_form.html",
        {"form": form, "host": event.host, "host_caption": _caption(event.host), "event": event},
    )


@require_POST
def event_cancel(request, event_id: int):
    event = _managed(request, event_id)
    try:
        event_services.cancel_event(user=request.user, event=event)
    except EventError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The event is cancelled; those who answered are told."))
    return redirect(event.get_absolute_url())


@require_http_methods(["GET", "POST"])
def event_report(request, event_id: int):
    """After the event: what was decided and what it produced."""
    event = _managed(request, event_id)
    form = ReportForm(request.POST) if request.method == "POST" else ReportForm.for_event(event)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.write_report(
                user=request.user,
                event=event,
                report=form.cleaned_data["report"],
                links=form.cleaned_data["links"],
            )
        except EventError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The report is published."))
            return redirect(event.get_absolute_url() + "#report")
    return render(request, "agenda/event_report_form.html", {"form": form, "event": event})


# The pages' addresses before the events app (/communities/events/…): they lead here for
# good: 301 for a read, 308 for a POST (which keeps its method and body).
LEGACY_ROUTES = {
    "": "events:events",
    "new/": "events:event_new",
    "<pk>/": "events:event",
    "<pk>/event.ics": "events:event_ics",
    "<pk>/rsvp/": "events:event_rsvp",
    "<pk>/edit/": "events:event_edit",
    "<pk>/cancel/": "events:event_cancel",
    "<pk>/report/": "events:event_report",
}


# Pages that take no form: their old addresses answer a POST with 405, as they do.
READ_ONLY_PAGES = frozenset({"events:events", "events:event", "events:event_ics"})


def moved(name: str):
    """A view that sends an old address to the page `name` (with the same event id)."""

    def view(request, event_id: int | None = None):
        if name in READ_ONLY_PAGES and request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        args = [event_id] if event_id is not None else []
        target = reverse(name, args=args)
        if request.META.get("QUERY_STRING"):
            target += "?" + request.META["QUERY_STRING"]
        keep = request.method not in ("GET", "HEAD")
        return redirect(target, permanent=True, preserve_request=keep)

    view.__doc__ = f"The old address of `{name}`."
    return view
