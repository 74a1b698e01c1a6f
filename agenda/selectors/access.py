"""Who may read, plan and run which event: the one place for these rules.

An event is read by whoever may read its host (`hosts.Host.readable`): a community's
readers, a challenge's audience. An event of no host is for every employee (never for an
outside guest). Administrators (superusers) read everything. Pages, lists, the API,
search documents, the home feed, notices and emails all ask these functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from agenda.hosts import content_type, host_for_model, host_of, hosts
from agenda.models import Event
from core.guests import is_guest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Who plans events of no host, besides administrators.
PLAN_FOR_EVERYONE = "agenda.add_event"


def signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _hosted_by_readable(user: Any) -> Q:
    """Events whose host this person may read, one subquery per kind of host."""
    condition = Q(pk__in=[])
    for host in hosts():
        condition |= Q(
            host_type=content_type(host.model),
            host_id__in=host.readable(user).order_by().values("pk"),
        )
    return condition


def events_readable_by(user: Any) -> QuerySet[Event]:
    """Events of hosts this person reads, and events of no host (for every employee)."""
    if not signed_in(user):
        return Event.objects.none()
    if user.is_superuser:
        return Event.objects.all()
    readable = _hosted_by_readable(user)
    if not is_guest(user):
        readable |= Q(host_type__isnull=True)
    return Event.objects.filter(readable)


def readable_host(user: Any, event: Event) -> Any:
    """The host of this event if this person may read the event, else None; for an event
    of no host, True when they may read it. Asks only the rules of the event's own kind of
    host (one query: the host itself, which it caches on the event)."""
    if not signed_in(user):
        return None
    if event.host_type_id is None:
        return True if (user.is_superuser or not is_guest(user)) else None
    model = ContentType.objects.get_for_id(event.host_type_id).model_class()
    registration = host_for_model(model) if model is not None else None
    if registration is None:
        return None
    if user.is_superuser:
        host = registration.model._default_manager.filter(pk=event.host_id).first()
    else:
        host = registration.readable(user).filter(pk=event.host_id).first()
    if host is not None:
        event.host = host
    return host


def may_read(user: Any, event: Event) -> bool:
    """Whether this person may read this event (the rules of its host only)."""
    return readable_host(user, event) is not None


def can_create_event(user: Any, host: Any) -> bool:
    """Who plans events of `host` is the host's rule (a community's animators, a
    challenge's owner); events of no host are for administrators and whoever holds the
    `agenda.add_event` permission."""
    if not signed_in(user):
        return False
    if host is None:
        return bool(user.is_superuser or user.has_perm(PLAN_FOR_EVERYONE))
    registration = host_of(host)
    if registration is None:
        return False
    return bool(user.is_superuser or registration.may_organise(user, host))


def can_manage_event(user: Any, event: Event) -> bool:
    """Who edits, cancels and reports on an event: its organiser (while they may still read
    it), and whoever may plan events of its host."""
    if not signed_in(user):
        return False
    if event.organiser_id == user.pk and may_read(user, event):
        return True
    return can_create_event(user, event.host)


def still_readers(event: Event, user_ids: set[int]) -> set[int]:
    """Of these people, those who may still read the event (for notices and emails)."""
    if not user_ids:
        return set()
    people = get_user_model()
    active = set(
        people.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True)
    )
    if event.host_type_id is None:
        return active
    host = event.host
    registration = host_of(host)
    if registration is None:
        return set()
    admins = set(
        people.objects.filter(pk__in=active, is_superuser=True).values_list("pk", flat=True)
    )
    return (registration.readers_among(host, active) & active) | admins


def event_ids_visible_to(user: User, ids: set[int]) -> set[int]:
    """For the notification centre: the events of these ids this person may still read."""
    return set(events_readable_by(user).filter(pk__in=ids).values_list("pk", flat=True))
