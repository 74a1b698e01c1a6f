"""Reads of the people who consented to be seen (people.services.set_consents): named in
leadership's recognition post, or listed as ambassadors. Nobody else is ever returned."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q, QuerySet

from people.models import Profile


def highlighted_kudos_recipients(*, start: datetime, end: datetime) -> list[tuple[Profile, int]]:
    """(profile, kudos received) of the active people who agreed to be named and received
    kudos in [start, end), most thanked first. One query."""
    received = Count(
        "kudos_received",
        filter=Q(kudos_received__created_at__gte=start, kudos_received__created_at__lt=end),
    )
    profiles = (
        Profile.objects.active()
        .filter(consents_to_be_highlighted=True)
        .select_related("user")
        .annotate(received=received)
        .filter(received__gt=0)
        .order_by("-received", "user__last_name", "user__first_name", "pk")
    )
    return [(profile, getattr(profile, "received")) for profile in profiles]  # noqa: B009


def ambassadors() -> QuerySet[Profile]:
    """Active people who volunteered as ambassadors."""
    return Profile.objects.active().filter(is_ambassador=True)
