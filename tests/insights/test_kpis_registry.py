"""The KPI registry: another app adds a KPI from its ready() and objectives, snapshots and
the report use it, with no migration."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.utils import timezone

from insights import kpis_registry
from insights.kpis import measure
from insights.kpis_registry import Measure, kpi_choices, register_kpi, registered_kpis
from insights.models import KPISnapshot, Objective, ObjectiveKPI
from insights.selectors import group_for, monday_of
from insights.services import snapshot_kpis
from tests.people.factories import TeamFactory, employees

pytestmark = pytest.mark.django_db

BUILT_IN = {
    "search_success",
    "search_first_try",
    "zero_results",
    "first_click_seconds",
    "must_read_ack",
    "kudos_across_teams",
    "participation_breadth",
    "values_recognised",
    "ideas_per_100",
    "answered_30d",
    "implemented_share",
    "event_attendance",
    "signals_raised",
}


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry, dropped after the test (what another app would register)."""
    monkeypatch.setattr(kpis_registry, "_registry", dict(kpis_registry._registry))


def stands_visited(start, end, group):
    """What the actions sub-app would register: a count drawn from 6 people."""
    return Measure(3.0 if not group.restricted else 1.0, 6)


def test_the_built_in_kpis_of_the_four_objectives_are_registered():
    assert set(registered_kpis()) >= BUILT_IN
    assert {code for code, _label in kpi_choices()} >= BUILT_IN


def test_a_kpi_registered_by_another_app_is_measured_offered_and_snapshotted(registry):
    register_kpi("stands_visited", label="Stands visited", unit="actions", compute=stands_visited)
    employees(6)
    now = timezone.now()

    assert measure("stands_visited", now - timedelta(days=7), now, group_for(None)).value == 3.0
    field = ObjectiveKPI._meta.get_field("kpi")
    assert ("stands_visited", "Stands visited") in field.choices
    goal = Objective.objects.create(
        title="Irritants", starts_on=now.date(), ends_on=now.date() + timedelta(days=30)
    )
    ObjectiveKPI(objective=goal, kpi="stands_visited", target=4).full_clean()
    snapshot_kpis(weeks=[monday_of(timezone.localdate())])
    assert KPISnapshot.objects.get(kpi="stands_visited", team=None).value == 3.0


def test_registering_a_kpi_needs_no_migration(registry):
    register_kpi("stands_visited", label="Stands visited", unit="actions", compute=stands_visited)
    out = StringIO()
    call_command("makemigrations", "insights", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


def test_registering_again_is_harmless_but_a_taken_code_or_a_bad_one_is_refused(registry):
    register_kpi("stands_visited", label="Stands visited", unit="actions", compute=stands_visited)
    register_kpi("stands_visited", label="Stands visited", unit="actions", compute=stands_visited)
    with pytest.raises(ImproperlyConfigured):
        register_kpi("search_success", label="Other", unit="%", compute=stands_visited)
    with pytest.raises(ImproperlyConfigured):
        register_kpi("Actions Closed", label="Bad", unit="%", compute=stands_visited)
    with pytest.raises(ImproperlyConfigured):
        register_kpi("bananas", label="Bananas", unit="bananas", compute=stands_visited)


def test_an_unregistered_code_is_refused_by_the_form_and_measures_nothing():
    goal = Objective.objects.create(
        title="Vieux", starts_on=timezone.localdate(), ends_on=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        ObjectiveKPI(objective=goal, kpi="gone_kpi", target=1).full_clean()
    now = timezone.now()
    assert measure("gone_kpi", now - timedelta(days=7), now, group_for(None)).value is None


def test_an_organisation_only_kpi_gets_no_team_snapshot(registry):
    register_kpi(
        "stands_visited",
        label="Stands visited",
        unit="actions",
        compute=stands_visited,
        by_team=False,
    )
    support = TeamFactory(name="Support")
    employees(6, team=support)
    employees(6)
    snapshot_kpis(weeks=[monday_of(timezone.localdate())])

    assert KPISnapshot.objects.filter(kpi="stands_visited", team=None).exists()
    assert not KPISnapshot.objects.filter(kpi="stands_visited", team=support).exists()
    assert KPISnapshot.objects.filter(kpi="search_success", team=support).exists()
