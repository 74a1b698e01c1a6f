"""Ideas and news flows in a real browser: proposing and supporting ideas, asking leadership,
acknowledging a must-read; every page visited passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.models import OutboxTask
from core.outbox import run_stored_task
from ideas.models import Idea, Vote
from ideas.services import answer_idea
from news.models import Acknowledgement, QuestionVote
from news.services import ask_question
from tests.browser.steps import assert_accessible, sign_in
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, sections
from tests.people.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def run_pending_notifications() -> None:
    """What the worker would do: the browser tests run without one."""
    for row in OutboxTask.objects.pending().filter(task_path="ideas.tasks.deliver_notifications"):
        assert run_stored_task(row.pk) == "done", row.last_error


def test_an_employee_proposes_an_idea_after_seeing_similar_ones_while_typing(page, reindex):
    owner = person(username="owner")
    camille = person(username="camille")
    camille.first_name = "Camille"
    camille.save()
    campaign = challenge(owner=owner, phase="open", title="Moins de voitures")
    existing = idea(
        campaign,
        title="Covoiturage entre collègues",
        description="<p>Une plateforme pour organiser le covoiturage domicile-travail.</p>",
        author=owner,
    )
    reindex()  # similar ideas come from the search engine; the browser tests have no worker
    sign_in(page, "camille")

    page.goto(campaign.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Moins de voitures")
    assert_accessible(page)
    page.get_by_role("link", name="Proposer une idée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une idée")
    assert_accessible(page)

    page.get_by_label("Titre").press_sequentially("Plateforme de covoiturage", delay=20)
    hints = page.locator("#similar-ideas")
    expect(hints.get_by_role("link", name="Covoiturage entre collègues")).to_have_attribute(
        "href", existing.get_absolute_url()
    )
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Description")).fill("Une appli pour partager les trajets.")
    page.get_by_role("button", name="Proposer", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Plateforme de covoiturage")
    proposed = Idea.objects.get(title="Plateforme de covoiturage")
    assert proposed.author == camille
    expect(page).to_have_url(re.compile(re.escape(proposed.get_absolute_url()) + "$"))
    assert_accessible(page)

    answer_idea(user=owner, idea=proposed, status="selected", message="Bravo !")
    run_pending_notifications()
    page.goto("/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.get_by_role("link", name=re.compile("Plateforme de covoiturage"))).to_be_visible()
    assert_accessible(page)


def test_an_employee_supports_an_idea_then_takes_the_vote_back(page):
    campaign = challenge(phase="open")
    target = idea(campaign, title="Imprimer recto verso")
    voter = person(username="dominique")
    sign_in(page, "dominique")

    page.goto(target.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Soutenir Imprimer recto verso").click()

    expect(page.get_by_text("1 vote", exact=True)).to_be_visible()
    take_back = page.get_by_role("button", name="Retirer mon vote pour Imprimer recto verso")
    expect(take_back).to_be_enabled()
    assert Vote.objects.filter(idea=target, user=voter).count() == 1
    assert_accessible(page)

    take_back.click()

    expect(page.get_by_text("0 vote", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Soutenir Imprimer recto verso")).to_be_visible()
    assert not Vote.objects.filter(idea=target).exists()


def test_an_employee_asks_leadership_and_upvotes_a_colleague_question(page):
    _news, leadership = sections()
    colleague = person(username="noa")
    earlier = ask_question(author=colleague, body="Quand ouvre la nouvelle cantine ?")
    employee = person(username="sacha")
    sign_in(page, "sacha")

    page.goto(leadership.url)
    assert_accessible(page)
    page.get_by_label("Votre question à la direction").fill("Aurons-nous plus de télétravail ?")
    page.get_by_role("button", name="Poser la question").click()

    expect(page.get_by_text("Aurons-nous plus de télétravail ?")).to_be_visible()
    question = page.locator(f"#question-{earlier.pk}")
    question.get_by_role("button", name="Soutenir").click()

    expect(question.locator(".vote-count")).to_have_text("1")
    expect(question.get_by_role("button", name="Retirer mon vote")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert QuestionVote.objects.filter(question=earlier, user=employee).exists()
    assert_accessible(page)


def test_an_employee_acknowledges_a_must_read(page):
    sections()
    news = publish_news(
        title="Nouvelle charte informatique",
        must_read=True,
        must_read_due=timezone.localdate() + timedelta(days=7),
    )
    reader = person(username="alix")
    sign_in(page, "alix")

    page.goto(news.url)
    expect(page.get_by_role("heading", name="Lecture obligatoire")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="J'ai lu").click()

    expect(page.locator("#must-read [role=status]")).to_contain_text(
        "Vous avez confirmé votre lecture"
    )
    assert Acknowledgement.objects.filter(page=news, user=reader).count() == 1
    assert_accessible(page)


def test_on_a_phone_the_owner_plans_a_workshop_about_ideas_picked_from_the_list(page):
    owner = person(username="owner")
    campaign = challenge(owner=owner, phase="open", title="Moins de papier")
    chosen = idea(campaign, title="Imprimer recto verso par défaut sur toutes les imprimantes")
    idea(campaign, title="Des tablettes pour les réunions d'équipe du lundi matin")
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "owner")

    page.goto(campaign.url)
    page.get_by_role("link", name="Plan a workshop").or_(
        page.get_by_role("link", name="Organiser un atelier")
    ).click()
    picker = page.get_by_role("group", name="Idées discutées")
    expect(picker).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    page.locator("#id_title").fill("Atelier impression")
    page.locator("#id_starts_at").fill("2099-01-01T10:00")
    page.locator("#id_ends_at").fill("2099-01-01T12:00")
    page.locator("#id_capacity").fill("6")
    page.locator("#id_place").fill("Salle Ruche")
    picker.get_by_label(chosen.title).check()
    page.locator("form.event-form button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier impression")
    assert list(campaign.events.get().ideas.all()) == [chosen]
    page.goto(campaign.url)
    expect(page.get_by_role("link", name=chosen.title).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
