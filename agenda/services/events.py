"""Planning events: create, change, cancel, and write the report afterwards.

Whoever the host says plans its events (a community's animators, a challenge's owner:
`hosts.Host.may_organise`); events of no host are planned by administrators and whoever
holds the `agenda.add_event` permission; the organiser and the host's organisers change,
cancel and report on them (`selectors.access.can_manage_event`).
Everything is checked before anything is stored; notices are enqueued in the same
transaction (the outbox sends them after commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.conversations.errors import Conflict, ConversationError, Invalid, NotAllowed, NotFound
from core.images import store_uploaded_cover
from core.links import clean_web_url
from core.richtext import text_to_html
from core.text import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, first_bidi_control
from core.text import too_long_message
from agenda.hosts import host_of, may_know
from agenda.models import Event, EventMode
from agenda.selectors.access import can_create_event, can_manage_event
from agenda.selectors.events import has_ended
from agenda.tasks import announce_event, announce_event_cancelled

from .rsvp import fill_free_places

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "Conflict",
    "EventDetails",
    "EventError",
    "Invalid",
    "NotAllowed",
    "NotFound",
    "cancel_event",
    "create_event",
    "update_event",
    "write_report",
]

EventError = ConversationError
PLACE_MAX_LENGTH = 300
REPORT_LINKS_MAX = 20


@dataclass
class EventDetails:
    """What a person types about an event (the form, the API and the import give it)."""

    title: str
    starts_at: datetime
    ends_at: datetime
    mode: str = EventMode.IN_PERSON
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    description: str = ""
    # An uploaded cover (checked by `core.forms.CoverImageField`), or the wish to drop it.
    cover: Any = None
    remove_cover: bool = False


def _rich_text(text: str, limit: int) -> str:
    if len(text or "") > limit:
        raise Invalid(too_long_message(len(text), limit))
    markup = text_to_html(text or "")
    return markup if strip_tags(markup).strip() else ""


def clean_details(details: EventDetails) -> dict[str, Any]:
    """The event's fields, checked: a title, an end after the start, a place for an event in
    person or hybrid, an http(s) link for one online or hybrid, a capacity of at least one;
    the description sanitised. Raises `Invalid` with a message that says what to fix."""
    title = " ".join((details.title or "").split())
    if not title:
        raise Invalid(_("Give the event a title."))
    if len(title) > TITLE_MAX_LENGTH:
        raise Invalid(_("The title is too long (200 characters at most)."))
    if first_bidi_control(title):
        raise Invalid(_("Remove the invisible text direction character from the title."))
    if details.mode not in EventMode.values:
        raise Invalid(_("Choose whether the event is in person, online or hybrid."))
    starts_at, ends_at = details.starts_at, details.ends_at
    if starts_at is None or ends_at is None:
        raise Invalid(_("Give the start and the end of the event."))
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise Invalid(_("Give the start and the end of the event with their time zone."))
    if ends_at <= starts_at:
        raise Invalid(_("The event must end after it starts."))
    place = " ".join((details.place or "").split())
    if len(place) > PLACE_MAX_LENGTH:
        raise Invalid(_("The place is too long (300 characters at most)."))
    try:
        online_url = clean_web_url(details.online_url)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from error
    if details.mode in (EventMode.IN_PERSON, EventMode.HYBRID) and not place:
        raise Invalid(_("Give the place of an event in person or hybrid."))
    if details.mode in (EventMode.ONLINE, EventMode.HYBRID) and not online_url:
        raise Invalid(_("Give the online link of an event online or hybrid."))
    capacity = details.capacity
    if capacity is not None and (isinstance(capacity, bool) or int(capacity) < 1):
        raise Invalid(_("The capacity must be at least one person (leave it empty for no limit)."))
    return {
        "title": title,
        "mode": details.mode,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place if details.mode != EventMode.ONLINE else "",
        "online_url": online_url if details.mode != EventMode.IN_PERSON else "",
        "capacity": int(capacity) if capacity is not None else None,
        "description": _rich_text(details.description, DESCRIPTION_MAX_LENGTH),
    }


def _set_cover(event: Event, upload: Any) -> None:
    """An uploaded cover, under a random file name (it is as private as the event's host:
    `agenda.covers`); decorative, since the title is written beside it."""
    event.cover_image = store_uploaded_cover(event.title, upload)
    event.cover_decorative = True


def create_event(
    *, user: User, host: Any, details: EventDetails, notify: bool = True
) -> Event:
    """Plan an event of `host` (a registered host, or None: for everyone) organised by
    `user`.

    The host's audience (a community's members) gets a notice in the notification centre
    (no email: only those who answer get one); `notify=False` is for imports of past
    events.
    """
    if host is not None and not may_know(user, host):
        raise NotFound(_("Not found."))
    if not can_create_event(user, host):
        registration = host_of(host)
        refusal = registration.refusal if registration is not None else ""
        raise NotAllowed(str(refusal or _("You may not plan this event.")))
    fields = clean_details(details)
    with transaction.atomic():
        event = Event.objects.create(host=host, organiser=user, **fields)
        if details.cover:
            _set_cover(event, details.cover)
            event.save(update_fields=["cover_image", "cover_decorative"])
        if notify and host is not None:
            announce_event.enqueue(event.pk)
    return event


def update_event(*, user: User, event: Event, details: EventDetails) -> Event:
    """Change an event. A smaller capacity never turns away anyone already going (new
    answers wait until places free up); a larger one lets the waiting list in, in order.
    Moving the start sends the reminder again for the new date."""
    if not can_manage_event(user, event):
        raise NotAllowed(_("Only the organiser and the animators can change this event."))
    fields = clean_details(details)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            raise Conflict(_("This event is cancelled."))
        moved = locked.starts_at != fields["starts_at"]
        for name, value in fields.items():
            setattr(locked, name, value)
        if details.remove_cover:
            locked.cover_image = None
        if details.cover:
            _set_cover(locked, details.cover)
        if moved:
            locked.reminded_at = None
        locked.save()
        fill_free_places(locked)
    locked.refresh_from_db()
    return locked


def cancel_event(*, user: User, event: Event) -> Event:
    """Cancel an event that has not ended; everyone who answered is told (idempotent)."""
    if not can_manage_event(user, event):
        raise NotAllowed(_("Only the organiser and the animators can cancel this event."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            return locked
        if has_ended(locked):
            raise Conflict(_("This event is over: it can no longer be cancelled."))
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        announce_event_cancelled.enqueue(locked.pk)
    return locked


def clean_report_links(links: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each link a title and an address on this site (`/…`) or on the web (`http(s)://…`)."""
    cleaned = []
    if len(links) > REPORT_LINKS_MAX:
        raise Invalid(_("A report links to 20 posts or ideas at most."))
    for link in links:
        title = " ".join(str(link.get("title", "")).split())[:TITLE_MAX_LENGTH]
        url = str(link.get("url", "")).strip()
        if not title or not url:
            raise Invalid(_("Each link needs a title and an address."))
        if url.startswith("/") and not url.startswith("//") and "\\" not in url:
            cleaned.append({"title": title, "url": url[:500]})
            continue
        try:
            url = clean_web_url(url)
        except ValidationError as error:
            raise Invalid(
                _("“%(url)s”: give an address on this site (starting with /) or a web address.")
                % {"url": url[:100]}
            ) from error
        cleaned.append({"title": title, "url": url[:500]})
    return cleaned


def write_report(
    *,
    user: User,
    event: Event,
    report: str,
    links: list[dict[str, str]],
    now: datetime | None = None,
) -> Event:
    """After the event: what was decided (sanitised rich text) and the posts or ideas it
    produced; shown on the event and in its community."""
    if not can_manage_event(user, event):
        raise NotAllowed(_("Only the organiser and the animators can write the report."))
    if not has_ended(event, now):
        raise Conflict(_("The report is written once the event is over."))
    if event.cancelled_at is not None:
        raise Conflict(_("This event is cancelled."))
    markup = _rich_text(report, DESCRIPTION_MAX_LENGTH)
    if not markup:
        raise Invalid(_("Say what was decided."))
    cleaned = clean_report_links(links)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.report = markup
        locked.report_links = cleaned
        locked.reported_at = locked.reported_at or timezone.now()
        locked.save(update_fields=["report", "report_links", "reported_at"])
    return locked
