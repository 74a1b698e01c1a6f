"""The KPI registry: every KPI an objective may measure, whichever app computes it.

A KPI is a code, a label, a unit and a `compute(start, end, group) -> Measure` function.
The built-in ones are registered by `insights.kpis`; another app registers its own from its
`AppConfig.ready()`:

    from insights.kpis_registry import register_kpi

    class ActionsConfig(AppConfig):
        def ready(self):
            register_kpi("actions_closed", label=_("Actions closed"), unit="actions",
                         compute=actions_closed)

The model fields that store a KPI code read their choices from `kpi_choices` when a form or
a check needs them, so registering a KPI needs no migration. This module imports no model:
`insights.models` reads it while the apps are still loading.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Group:
    """Whose activity a KPI measures: `members` maps active people's user ids to their team.

    `restricted` is False for the whole organisation (queries then need no list of ids).
    """

    members: dict[int, int | None]
    restricted: bool

    @property
    def user_ids(self) -> set[int] | None:
        return set(self.members) if self.restricted else None


@dataclass(frozen=True)
class Measure:
    """A KPI's value and the number of distinct people it is drawn from (checked against the
    floor). A team's value never counts an anonymous contribution."""

    value: float | None
    people: int


Compute = Callable[[datetime, datetime, Group], Measure]


@dataclass(frozen=True)
class KPI:
    code: str
    label: StrOrPromise
    unit: str
    higher_is_better: bool
    compute: Compute
    # False for figures that only exist for the whole organisation (signals): no team gets
    # a snapshot of them.
    by_team: bool = True


UNIT_LABELS: dict[str, StrOrPromise] = {
    "%": "%",
    "days": _("days"),
    "people": _("people"),
    "ideas": _("ideas"),
    "seconds": _("seconds"),
    "signals": _("signals"),
    "actions": _("actions"),
}

_registry: dict[str, KPI] = {}


def register_kpi(
    code: str,
    *,
    label: StrOrPromise,
    unit: str,
    compute: Compute,
    higher_is_better: bool = True,
    by_team: bool = True,
) -> KPI:
    """Make a KPI available to objectives, snapshots and the KPI report.

    `code` is stored in the database (lower-case letters, digits and `_`, at most 40); `unit`
    is one of `UNIT_LABELS` or a new one registered with `register_unit`. Registering the
    same code again with the same function is harmless (an app's ready() may run twice in
    tests); another function under a taken code is a configuration error.
    """
    if not CODE_PATTERN.match(code):
        raise ImproperlyConfigured(f"KPI code {code!r}: lower-case letters, digits, _ (≤ 40).")
    if unit not in UNIT_LABELS:
        raise ImproperlyConfigured(f"KPI {code!r}: unknown unit {unit!r} (register_unit first).")
    kpi = KPI(code, label, unit, higher_is_better, compute, by_team)
    known = _registry.get(code)
    if known is not None and known.compute is not compute:
        raise ImproperlyConfigured(f"KPI code {code!r} is already registered.")
    _registry[code] = kpi
    return kpi


def register_unit(unit: str, label: StrOrPromise) -> None:
    """A unit a KPI may be expressed in, with its (translated) label."""
    UNIT_LABELS.setdefault(unit, label)


def registered_kpis() -> dict[str, KPI]:
    """Every registered KPI by code, in the order they were registered."""
    return dict(_registry)


def get_kpi(code: str) -> KPI | None:
    return _registry.get(code)


def kpi_choices() -> list[tuple[str, StrOrPromise]]:
    """The choices of the fields that store a KPI code (a callable: read when needed)."""
    return [(kpi.code, kpi.label) for kpi in _registry.values()]


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, to one decimal (None of nothing)."""
    return round(100 * part / whole, 1) if whole else None


def median(values: list[float], digits: int = 1) -> float | None:
    return round(statistics.median(values), digits) if values else None
