"""The `news` and `leadership_update` import kinds (DESIGN.md §2)."""

import json

import pytest

from core.models import ExternalKey
from news.models import LeadershipIndexPage, LeadershipUpdatePage, NewsIndexPage, NewsPage
from tests.importing import run_import as run
from tests.importing import write_jsonl as write_lines
from tests.intranet.factories import home_page
from tests.people.factories import TeamFactory, person, team_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]


def news(key, title, **fields):
    return {
        "kind": "news",
        "key": key,
        "title": title,
        "body": f"Texte de {title}",
        "published_at": "2026-03-02T09:30:00+01:00",
        **fields,
    }


def test_news_are_created_published_under_a_news_index_made_on_demand(tmp_path):
    person(key="p-elise", first_name="Élise")
    it = TeamFactory(name="IT")
    team_key(it, "t-it")
    path = write_lines(
        tmp_path,
        news(
            "n1",
            "Nouvel intranet",
            intro="Il arrive",
            tags=["intranet"],
            category="Vie interne",
            author="p-elise",
            audience=["t-it"],
            language="fr",
        ),
    )

    out, err = run(path)

    page = NewsPage.objects.get()
    assert page.live and page.get_parent().specific == NewsIndexPage.objects.get()
    assert NewsIndexPage.objects.get().get_parent().specific == home_page()
    assert page.first_published_at.isoformat() == "2026-03-02T08:30:00+00:00"
    assert page.author.user.first_name == "Élise"
    assert list(page.audience_teams.all()) == [it]
    assert [tag.name for tag in page.tags.all()] == ["intranet"]
    assert (page.category.name, page.intro) == ("Vie interne", "Il arrive")
    assert "news: 1 created, 0 updated, 0 failed" in out and err == ""


def test_importing_the_same_key_again_updates_the_news(tmp_path):
    run(write_lines(tmp_path, news("n1", "Ancien titre")))
    out, _ = run(write_lines(tmp_path, news("n1", "Nouveau titre"), name="again.jsonl"))

    assert list(NewsPage.objects.values_list("title", flat=True)) == ["Nouveau titre"]
    assert ExternalKey.objects.filter(kind="news", key="n1").count() == 1
    assert "news: 0 created, 1 updated, 0 failed" in out


def test_bad_lines_are_reported_and_good_ones_kept(tmp_path):
    missing = news("n2", "Sans date")
    del missing["published_at"]
    path = write_lines(
        tmp_path,
        news("n1", "Valide"),
        missing,
        news("n3", "Mauvaise date", published_at="hier"),
        news("n4", "Auteur inconnu", author="p-nobody"),
        news("n5", "Équipe inconnue", audience=["t-nowhere"]),
        news("n6", "Langue", language="de"),
        news("n7", "Tags", tags="pas une liste"),
        news("n8", "Échéance", must_read_by="demain"),
    )

    _, err = run(path, expect_failure=True)

    assert list(NewsPage.objects.values_list("title", flat=True)) == ["Valide"]
    assert f"{path}:2: missing field 'published_at'" in err
    assert f"{path}:3: field 'published_at' is not an ISO 8601" in err
    assert f"{path}:4: unknown person 'p-nobody'" in err
    assert f"{path}:5: unknown team 't-nowhere'" in err
    assert f"{path}:6: field 'language' must be one of fr, en" in err
    assert f"{path}:7: field 'tags' must be a list of strings" in err
    assert f"{path}:8: field 'must_read_by' must be a date" in err


def test_the_news_kind_may_mark_a_must_read_and_a_featured_item(tmp_path):
    run(write_lines(tmp_path, news("n1", "À lire", must_read_by="2026-12-15", featured=True)))

    page = NewsPage.objects.get()
    assert page.must_read and page.must_read_due.isoformat() == "2026-12-15" and page.featured


def test_leadership_updates_are_imported_under_the_leadership_index(tmp_path):
    person(key="p-mathilde", first_name="Mathilde")
    line = {
        "kind": "leadership_update",
        "key": "lu1",
        "title": "Nos priorités",
        "body": "<p>Chers collègues</p><script>alert(1)</script>",
        "published_at": "2026-01-05T08:00:00Z",
        "author": "p-mathilde",
        "tags": ["stratégie"],
        "language": "fr",
    }
    path = write_lines(tmp_path, line)

    run(path)
    out, _ = run(path)

    update = LeadershipUpdatePage.objects.get()
    assert update.live and isinstance(update.get_parent().specific, LeadershipIndexPage)
    assert LeadershipIndexPage.objects.get().slug == "direction"
    assert update.author.user.first_name == "Mathilde"
    assert "<script>" not in str(update.body)
    assert "leadership_update: 0 created, 1 updated, 0 failed" in out


def test_the_demo_file_is_valid_json_lines_with_known_kinds():
    from pathlib import Path

    from django.conf import settings

    lines = (Path(settings.BASE_DIR) / "demo" / "news.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert {row["kind"] for row in rows} == {"news", "leadership_update"}
    assert len({row["key"] for row in rows}) == len(rows)


def test_the_demo_news_import_cleanly_once_the_demo_people_and_teams_exist():
    from pathlib import Path

    from django.conf import settings

    from core.importing.runner import run_import

    for key in ("demo-p-elise", "demo-p-mathilde", "demo-p-sophie"):
        person(key=key)
    for key in ("demo-t-direction", "demo-t-rh", "demo-t-it", "demo-t-marketing"):
        team_key(TeamFactory(), key)

    report = run_import([Path(settings.BASE_DIR) / "demo" / "news.jsonl"])

    assert report.errors == []
    assert NewsPage.objects.live().count() == 5
    assert NewsPage.objects.filter(must_read=True).count() == 1
    assert LeadershipUpdatePage.objects.live().count() == 2
