"""The demo challenges load once the demo people and teams exist (keys from the brief)."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from ideas.models import ChallengePage, Idea
from tests.intranet.factories import home_page
from tests.people.factories import TeamFactory, person, team_key

DEMO = Path(settings.BASE_DIR) / "demo" / "ideas.jsonl"


def test_the_demo_ideas_load_and_reload_cleanly(db):
    home_page()
    it = TeamFactory(name="IT")
    team_key(it, "demo-t-it")
    for name in ("camille", "elise", "olivier", "mathilde", "admin"):
        person(username=name, key=f"demo-p-{name}")

    for _twice in range(2):
        err = StringIO()
        call_command("import_content", str(DEMO), stdout=StringIO(), stderr=err)
        assert err.getvalue() == ""

    onboarding = ChallengePage.objects.get(title__startswith="Mieux accueillir")
    assert onboarding.challenge_owner.username == "olivier" and onboarding.is_open
    assert Idea.objects.filter(challenge=onboarding).count() == 5
    assert Idea.objects.get(title__startswith="Un parrain").vote_count == 4
    assert list(ChallengePage.objects.get(title__startswith="Des outils").audience.all()) == [it]
