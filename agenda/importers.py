"""Import kind `event` (DESIGN.md §2): `title`, `starts_at`, `ends_at`, [`community`:
community key], [`description`], [`place`], [`online_url`], [`capacity`], [`attendees`:
person keys]; added since: [`challenge`: challenge key] (an event of a challenge, such as a
co-creation workshop), never together with `community`.

The host is named by the key of an object of its import kind (`community`), resolved by
the import frame: this module never imports the hosting app.

The same checks as an event planned on the site (`services.events.clean_details`); the
format follows from what is given (a place and a link: hybrid). Listed attendees are added,
going while places last and then waiting, in the order listed; answers given in Ruche since
are kept; the counters are recounted from the rows. Importing says nothing to anyone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from agenda.models import RSVP, Event, EventMode, RSVPStatus
from agenda.services.events import EventDetails, EventError, clean_details
from core.importing import ImportKind, ImportRowError, register
from core.importing.dates import parse_moment
from core.text import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH

# The fields that name an event's host, each by the key of an object of that import kind.
HOST_FIELDS = ("community", "challenge")


def _mode(place: str, online_url: str) -> str:
    if place and online_url:
        return EventMode.HYBRID
    return EventMode.ONLINE if online_url else EventMode.IN_PERSON


@register
class EventKind(ImportKind):
    kind = "event"
    required = ("title", "starts_at", "ends_at")
    references = {"community": "community", "challenge": "challenge", "attendees": "person"}

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Event, bool]:
        title = self.text(row, "title", required=True, max_length=TITLE_MAX_LENGTH, title=True)
        starts_at = parse_moment(row, "starts_at", required=True)
        ends_at = parse_moment(row, "ends_at", required=True)
        host: Any = None
        named = [kind for kind in HOST_FIELDS if row.get(kind) not in (None, "")]
        if len(named) > 1:
            raise ImportRowError("give 'community' or 'challenge', not both")
        if named:
            host = ctx.resolve(named[0], row[named[0]])
        place = self.text(row, "place", max_length=300)
        online_url = self.text(row, "online_url", max_length=500)
        capacity = row.get("capacity")
        if capacity is not None and (
            isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1
        ):
            raise ImportRowError("field 'capacity' must be a whole number of at least 1")
        description = self.text(row, "description", max_length=DESCRIPTION_MAX_LENGTH)
        attendees = [ctx.resolve("person", key).user for key in self.string_list(row, "attendees")]
        try:
            fields = clean_details(
                EventDetails(
                    title=title,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    mode=_mode(place, online_url),
                    place=place,
                    online_url=online_url,
                    capacity=capacity,
                    description=description,
                )
            )
        except EventError as refusal:
            raise ImportRowError(refusal.message) from refusal

        event = ctx.find("event", row["key"])
        created = event is None
        if event is None:
            event = Event(**fields, host=host)
        else:
            event = Event.objects.select_for_update().get(pk=event.pk)
            for name, value in fields.items():
                setattr(event, name, value)
            event.host = host
        event.save()
        self._add_attendees(event, attendees)
        return event, created

    @staticmethod
    def _add_attendees(event: Event, people: list[Any]) -> None:
        already = set(RSVP.objects.filter(event=event).values_list("user_id", flat=True))
        going = RSVP.objects.filter(event=event, status=RSVPStatus.GOING).count()
        new = []
        for user in people:
            if user.pk in already:
                continue
            already.add(user.pk)
            full = event.capacity is not None and going >= event.capacity
            new.append(
                RSVP(
                    event=event,
                    user=user,
                    status=RSVPStatus.WAITLIST if full else RSVPStatus.GOING,
                )
            )
            going += 0 if full else 1
        RSVP.objects.bulk_create(new, ignore_conflicts=True)
        counts = RSVP.objects.filter(event=event).aggregate(
            going=Count("pk", filter=Q(status=RSVPStatus.GOING)),
            waiting=Count("pk", filter=Q(status=RSVPStatus.WAITLIST)),
        )
        Event.objects.filter(pk=event.pk).update(
            going_count=counts["going"], waitlist_count=counts["waiting"]
        )
        event.going_count, event.waitlist_count = counts["going"], counts["waiting"]
