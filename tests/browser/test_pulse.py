"""Answering a pulse from its notice, on a 320 px screen, checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from insights.pulse.models import Participation, QuestionKind, Response
from insights.pulse.notices import notify_round
from tests.browser.steps import assert_no_violations, fits_its_width, sign_in
from tests.insights.pulse.factories import open_round, survey
from tests.intranet.factories import home_page
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_answering_a_pulse_from_its_notice_at_320_px(page):
    home_page()
    person(username="lea", email="lea@example.org")
    pulse_round = open_round(
        survey(
            title="Climat",
            questions=(
                (QuestionKind.SCALE_10, "Recommanderiez-vous l'entreprise ?", ""),
                (QuestionKind.CHOICE, "Où cherchez-vous ?", "Recherche\nCollègue"),
                (QuestionKind.TEXT, "Un mot ?", ""),
            ),
        )
    )
    notify_round.call(pulse_round.pk)
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, "lea")

    page.goto("/notifications/")
    page.get_by_test_id("notification").get_by_role("link", name=re.compile("Climat")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Climat")
    assert fits_its_width(page)
    assert_no_violations(page)
    page.get_by_role("group", name=re.compile("Recommanderiez")).get_by_label("8").check()
    page.get_by_label("Collègue").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.get_by_test_id("pulse-answered")).to_contain_text("Merci")
    assert fits_its_width(page)
    assert_no_violations(page)
    assert Participation.objects.count() == 1 and Response.objects.count() == 1
