"""Beat job of pulse surveys: open the rounds that are due (their notices go through the
outbox, insights/pulse/notices.py)."""

from __future__ import annotations

from celery import shared_task

from insights.pulse import services


@shared_task(name="insights.open_pulse_rounds")
def open_pulse_rounds() -> int:
    """Every 15 minutes: open each active survey's due round, once per period (idempotent)."""
    return len(services.pulse_rounds_open())
