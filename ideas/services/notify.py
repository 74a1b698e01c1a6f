"""Enqueue notifications inside the caller's transaction (the outbox sends after commit)."""

from __future__ import annotations

from ideas.tasks import deliver_notifications


def notify_later(event: str, *, idea_id: int, actor_id: int | None) -> None:
    """`event` is `<what>:<id>`; it names the notice so that a re-run never sends it twice."""
    deliver_notifications.enqueue(event, idea_id, actor_id)
