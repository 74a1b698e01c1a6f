"""Every export (CSV and XLSX) gives what people wrote as plain text, never HTML entities nor
markup, and never a cell a spreadsheet would run as a formula."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from core.exports import cell
from core.richtext import plain_text
from ideas.services import add_comment, answer_idea, submit_idea
from insights.models import KPISnapshot, Objective, ObjectiveKPI
from insights.selectors import monday_of
from news.models import Acknowledgement
from news.services.sections import configure_roles
from tests.ideas.factories import challenge
from tests.insights.factories import communicator
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, UserFactory, employees, person

pytestmark = pytest.mark.django_db

WRITTEN = 'Le projet d\'une équipe "soudée" & motivée, 2 < 3'
FORMULA = '=HYPERLINK("http://evil.example","clic")'


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # spreadsheets then read UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def no_markup(values):
    text = " ".join(str(value) for value in values if value is not None)
    for entity in ("&#x27;", "&#39;", "&quot;", "&amp;", "&lt;", "&gt;", "<p>", "</p>"):
        assert entity not in text, f"{entity!r} in {text!r}"


def test_plain_text_and_cells():
    assert plain_text("<p>d&#x27;une</p><p>&lt;b&gt; &amp; co</p>") == "d'une <b> & co"
    assert plain_text("ligne<br/>suivante") == "ligne suivante"
    assert [cell(v) for v in ("=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx", "ok")] == [
        "'=1+1",
        "'+33",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
    ]
    assert (cell(None), cell(-2), cell(1.5)) == ("", -2, 1.5)  # numbers stay numbers


def test_the_challenge_exports_give_what_people_wrote_as_plain_text(client):
    owner = person(username="owner")
    campaign = challenge(owner=owner, phase="open")
    author = person(username="author")
    written = submit_idea(
        user=author, challenge=campaign, title=FORMULA, description=WRITTEN, tags=["équipe"]
    )
    add_comment(
        user=person(username="talker"), idea=written, body=f"{FORMULA}\n\nJ'aime & « bravo »"
    )
    answer_idea(user=owner, idea=written, status="selected", message="C'est retenu, à 100 % & plus")
    assert "&#x27;" in written.description  # stored as escaped HTML, as it should be
    client.force_login(owner)

    rows = csv_rows(client.get(f"/ideas/challenges/{campaign.pk}/export.csv"))
    book = load_workbook(
        io.BytesIO(client.get(f"/ideas/challenges/{campaign.pk}/export.xlsx").content)
    )

    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert first["description"] == WRITTEN
    assert first["last_answer"] == "C'est retenu, à 100 % & plus"
    assert first["title"] == "'" + FORMULA
    assert "J'aime & « bravo »" in first["comment_texts"]
    no_markup(rows[1])
    ideas_sheet = list(book["Ideas"].values)
    xlsx_first = dict(zip(ideas_sheet[0], ideas_sheet[1], strict=True))
    assert xlsx_first["description"] == WRITTEN
    assert xlsx_first["title"] == "'" + FORMULA
    assert xlsx_first["last_answer"] == "C'est retenu, à 100 % & plus"
    assert book["Ideas"]["B2"].data_type == "s"  # text, not a formula
    no_markup(ideas_sheet[1])
    comments = list(book["Comments"].values)
    assert comments[1][-1] == "'" + FORMULA + " J'aime & « bravo »"
    assert all(book["Comments"].cell(row=2, column=c).data_type != "f" for c in range(1, 7))
    assert header[:2] == ["id", "title"]


def test_the_must_read_export_gives_names_as_text_and_no_formula(client):
    sections()
    configure_roles()
    editor = person(username="elise", groups=["Editors"])
    support = TeamFactory(name="Service d'accueil")
    reader = person(team=support, first_name="Jeanne", last_name="d'Arc & <Fils>")
    person(team=support, first_name=FORMULA, last_name="")
    news = publish_news(title="Charte", must_read=True)
    Acknowledgement.objects.create(page=news, user=reader)
    client.force_login(editor)

    rows = csv_rows(client.get(f"/news/pages/{news.pk}/acknowledgements.csv"))

    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Jeanne d'Arc & <Fils>"][2] == "Service d'accueil"
    assert "'" + FORMULA in by_name
    no_markup(cell for row in rows for cell in row)


def test_the_managers_dashboard_export_gives_team_names_as_text_and_no_formula(client):
    evil, named = TeamFactory(name=FORMULA), TeamFactory(name="L'équipe d'à côté & co")
    employees(5, team=evil)
    employees(5, team=named)
    client.force_login(UserFactory(is_superuser=True))

    evil_rows = csv_rows(client.get(f"/insights/teams/{evil.slug}/", {"format": "csv"}))
    named_rows = csv_rows(client.get(f"/insights/teams/{named.slug}/", {"format": "csv"}))

    assert evil_rows[1][:3] == ["'" + FORMULA, "90", "5"]
    assert named_rows[1][:3] == ["L'équipe d'à côté & co", "90", "5"]


def test_the_kpi_export_gives_titles_and_team_names_as_text_and_no_formula(client):
    week = monday_of(timezone.localdate())
    goal = Objective.objects.create(
        title=FORMULA, starts_on=week - timedelta(weeks=1), ends_on=week
    )
    ObjectiveKPI.objects.create(objective=goal, kpi="weekly_active", target=10)
    named = TeamFactory(name="-L'équipe d'à côté")
    KPISnapshot.objects.create(kpi="weekly_active", team=named, week_start=week, value=7, people=7)
    client.force_login(communicator())

    rows = csv_rows(client.get("/admin/insights/kpis/", {"format": "csv", "team": named.pk}))

    assert rows[1][0] == "'" + FORMULA
    assert rows[1][3] == "'-L'équipe d'à côté"
    assert rows[1][5] == "7"
