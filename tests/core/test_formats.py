"""Dates and numbers in the reader's language everywhere: "1er décembre" for the first of the
month in French, "2 décembre" otherwise; a decimal comma in French, a point in English."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from core.formats import local_date, local_number
from insights.models import KPISnapshot, Objective, ObjectiveKPI
from news.tasks import _must_read_message
from tests.insights.factories import communicator
from tests.news.factories import publish_news, sections
from tests.people.factories import UserFactory

PARIS = ZoneInfo("Europe/Paris")
FIRST = date(2026, 6, 1)  # a Monday


@pytest.mark.parametrize(
    ("language", "value", "format_name", "expected"),
    [
        ("fr", date(2026, 12, 1), "DATE_FORMAT", "1er décembre 2026"),
        ("fr", date(2026, 12, 2), "DATE_FORMAT", "2 décembre 2026"),
        ("fr", date(2026, 12, 11), "DATE_FORMAT", "11 décembre 2026"),
        (
            "fr",
            datetime(2026, 12, 1, 8, 30, tzinfo=PARIS),
            "DATETIME_FORMAT",
            "1er décembre 2026 08:30",
        ),
        ("fr", date(2026, 12, 1), "MONTH_DAY_FORMAT", "1er décembre"),
        ("fr", date(2026, 12, 1), r"\j\o\u\r j", "jour 1er"),  # an escaped j is a letter
        ("en", date(2026, 12, 1), "DATE_FORMAT", "Dec. 1, 2026"),
        (
            "en",
            datetime(2026, 12, 1, 8, 30, tzinfo=PARIS),
            "DATETIME_FORMAT",
            "Dec. 1, 2026, 8:30 a.m.",
        ),
    ],
)
def test_local_date_in_both_languages(language, value, format_name, expected):
    with translation.override(language):
        assert local_date(value, format_name) == expected


def test_an_aware_moment_is_shown_in_the_site_time_zone():
    late = datetime(2026, 11, 30, 23, 30, tzinfo=ZoneInfo("UTC"))  # 1 December in Paris
    with translation.override("fr"):
        assert local_date(late) == "1er décembre 2026"


def test_local_number_in_both_languages():
    with translation.override("fr"):
        assert [local_number(v) for v in (12.5, 100.0, 7, None)] == ["12,5", "100", "7", ""]
    with translation.override("en"):
        assert [local_number(v) for v in (12.5, 100.0)] == ["12.5", "100"]


def test_the_filters_are_built_into_every_template():
    template = engines["django"].from_string(
        '{{ day|local_date }} · {{ moment|local_date:"DATETIME_FORMAT" }} · {{ rate|local_number }}'
    )
    context = {"day": FIRST, "moment": datetime(2026, 6, 1, 9, 0, tzinfo=PARIS), "rate": 12.5}
    with translation.override("fr"):
        assert template.render(context) == "1er juin 2026 · 1er juin 2026 09:00 · 12,5"
    with translation.override("en"):
        assert template.render(context) == "June 1, 2026 · June 1, 2026, 9 a.m. · 12.5"


def test_the_filters_leave_what_is_not_a_date_or_a_number_harmless():
    template = engines["django"].from_string("[{{ a|local_date }}][{{ b|local_number }}]")
    assert template.render({"a": "bientôt", "b": "—"}) == "[][—]"
    assert template.render({}) == "[][]"


@pytest.mark.django_db
def test_a_news_page_published_on_the_first_says_1er_in_french_and_1_in_english(client):
    sections()
    news = publish_news(title="Rentrée")
    type(news).objects.filter(pk=news.pk).update(
        first_published_at=datetime(2026, 9, 1, 10, 0, tzinfo=PARIS)
    )
    client.force_login(UserFactory())

    french = client.get(news.url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(news.url).content.decode()

    assert "1er septembre 2026" in french
    assert "Sept. 1, 2026" in english


@pytest.mark.django_db
def test_a_reminder_notice_says_1er_in_french():
    sections()
    news = publish_news(title="Charte", must_read=True, must_read_due=date(2026, 12, 1))
    with translation.override("fr"):
        assert "1er décembre 2026" in _must_read_message(news)
    with translation.override("en"):
        assert "Dec. 1, 2026" in _must_read_message(news)


@pytest.mark.django_db
@override_settings(INSIGHTS_MIN_PEOPLE=5)
def test_the_kpi_chart_description_uses_the_readers_dates_and_numbers(client):
    goal = Objective.objects.create(
        title="Mieux trouver", starts_on=FIRST, ends_on=FIRST + timedelta(weeks=1)
    )
    ObjectiveKPI.objects.create(objective=goal, kpi="search_success", target=60.5)
    for week, value in ((FIRST, 12.5), (FIRST + timedelta(weeks=1), 40.0)):
        KPISnapshot.objects.create(
            kpi="search_success", team=None, week_start=week, value=value, people=9
        )
    reader = communicator()
    client.force_login(reader)

    french = client.get("/admin/insights/kpis/").content.decode()
    profile = UserProfile.get_for_user(reader)
    profile.preferred_language = "en"
    profile.save()
    english = client.get("/admin/insights/kpis/").content.decode()

    caption = french.split("<figcaption")[1].split("</figcaption>")[0]
    assert "du 1er juin 2026 au 8 juin 2026" in caption
    assert "2026-06-01" not in caption
    assert "<title>Taux de recherches réussies, 1er juin 2026 : 12,5</title>" in french
    assert "Du 1er juin 2026 au 8 juin 2026" in french
    table = french.split("<tbody>")[1]
    assert '<th scope="row">1er juin 2026</th><td>12,5</td>' in table
    assert "Cible : 60,5 %</caption>" in french and "60.5" not in caption
    caption = english.split("<figcaption")[1].split("</figcaption>")[0]
    assert "from June 1, 2026 to June 8, 2026" in caption
    assert "June 1, 2026: 12.5</title>" in english and "Target: 60.5 %</caption>" in english
