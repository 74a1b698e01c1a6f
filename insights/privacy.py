"""What the listening loop may analyse and show, in one place (insights/README.md).

Every part of the loop (signals, frustration, dashboards, pulse results, actions) asks these
functions instead of reading settings itself, so that a works-council agreement that turns an
analysis off turns it off everywhere at once.

The two switches are on only when both the server allows them (INSIGHTS_TEAM_BREAKDOWNS,
INSIGHTS_FRUSTRATION_ANALYSIS: off there is off for good) and the administrators' choice in
the admin (*Settings → Listening and works council*, `ListeningSettings`) keeps them on. That
choice is read at most once per request and once per background task (`remembered()` for any
other long piece of work), so asking often costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_save
from django.dispatch import receiver

from insights.models import ListeningSettings

# The administrators' choice, remembered for the current request or task only ({} until it is
# read; None outside them, where it is read each time).
_this_request: ContextVar[dict[str, _Choice] | None] = ContextVar(
    "insights_listening_switches", default=None
)


def min_people() -> int:
    """The smallest number of distinct people any shown figure may be drawn from."""
    return int(settings.INSIGHTS_MIN_PEOPLE)


def quote_min_people() -> int:
    """The smallest number of distinct people behind a theme before any excerpt is quoted."""
    return int(settings.INSIGHTS_QUOTE_MIN_PEOPLE)


def team_breakdowns_on() -> bool:
    """Whether figures may be broken down by team (dashboards, KPIs, signals, surveys)."""
    return bool(settings.INSIGHTS_TEAM_BREAKDOWNS) and _chosen().team_breakdowns


def frustration_analysis_on() -> bool:
    """Whether what people write may be read for frustration at all."""
    return bool(settings.INSIGHTS_FRUSTRATION_ANALYSIS) and _chosen().frustration_analysis


def turned_off_by_server() -> dict[str, bool]:
    """Which switches the server's configuration turns off, whatever the admin says."""
    return {
        "team_breakdowns": not settings.INSIGHTS_TEAM_BREAKDOWNS,
        "frustration_analysis": not settings.INSIGHTS_FRUSTRATION_ANALYSIS,
    }


def agreement() -> str:
    """The works-council agreement the administrators say the switches follow, or ""."""
    return _chosen().agreement


@dataclass(frozen=True)
class _Choice:
    team_breakdowns: bool = True
    frustration_analysis: bool = True
    agreement: str = ""


def _chosen() -> _Choice:
    """The administrators' choice (both switches on until they save the setting)."""
    memo = _this_request.get()
    if memo is not None and "choice" in memo:
        return memo["choice"]
    row = ListeningSettings.objects.values(
        "team_breakdowns", "frustration_analysis", "agreement"
    ).first()
    choice = _Choice() if row is None else _Choice(**row)
    if memo is not None:
        memo["choice"] = choice
    return choice


@contextmanager
def remembered() -> Iterator[None]:
    """Read the administrators' choice at most once within the block (a batch, a command)."""
    token = _this_request.set({})
    try:
        yield
    finally:
        _this_request.reset(token)


# A Celery task that asks once per item (a digest per manager, a KPI per team) reads the
# setting once, like a request does.
@task_prerun.connect(dispatch_uid="insights_privacy_task_started")
def _remember_during_task(**_kwargs: Any) -> None:
    _this_request.set({})


@task_postrun.connect(dispatch_uid="insights_privacy_task_finished")
def _forget_after_task(**_kwargs: Any) -> None:
    _this_request.set(None)


@receiver(request_started, dispatch_uid="insights_privacy_request_started")
def _remember_during_request(**_kwargs: Any) -> None:
    _this_request.set({})


@receiver(request_finished, dispatch_uid="insights_privacy_request_finished")
def _forget_after_request(**_kwargs: Any) -> None:
    _this_request.set(None)


@receiver(post_save, sender=ListeningSettings, dispatch_uid="insights_privacy_saved")
def _forget_when_saved(**_kwargs: Any) -> None:
    if _this_request.get() is not None:
        _this_request.set({})
