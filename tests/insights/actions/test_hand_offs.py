"""What action plans give the rest of the listening loop: the frustrations objective's KPIs and
the section "actions completed" of leadership's monthly recognition post."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from insights.actions.services import action_record_progress
from insights.kpis_registry import get_kpi
from insights.recognition import Month, recognition_sections
from tests.insights.actions.factories import action
from tests.people.factories import person

pytestmark = pytest.mark.django_db


def test_the_frustrations_objective_can_measure_actions():
    closed = get_kpi("actions_closed")
    delay = get_kpi("signal_to_action_days")
    assert closed is not None and closed.unit == "actions" and closed.higher_is_better
    assert delay is not None and delay.unit == "days" and not delay.higher_is_better


def test_the_recognition_post_tells_the_public_actions_completed_in_the_month():
    opener = person(username="comms", is_superuser=True)
    shown = action(opener=opener, title="Navette depuis la gare", public=True)
    kept_private = action(opener=opener, title="Réunion d'équipe")
    for done in (shown, kept_private):
        action_record_progress(
            action=done, author=opener, status="done", outcome="Deux navettes le matin"
        )
    builders = dict(recognition_sections())
    section = builders["actions_completed"](Month(timezone.localdate().replace(day=1)))

    assert section is not None
    assert section.items == ["Navette depuis la gare — Deux navettes le matin"]


def test_a_month_without_completed_public_action_has_no_such_section():
    builders = dict(recognition_sections())
    last_month = Month.before(timezone.localdate() - timedelta(days=40))
    assert builders["actions_completed"](last_month) is None
