"""Search documents of news and leadership updates, with their permission fields."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import PageViewRestriction

from core.findable import registry
from core.models import ExternalKey
from news.models import NewsPage
from news.search import leadership_update_document, news_document
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sections(db):
    sections()


def test_both_kinds_are_registered():
    assert registry["news"].model is NewsPage
    assert "leadership_update" in registry


def test_a_news_document_carries_date_teams_audience_tags_and_key():
    it, rh = TeamFactory(name="IT"), TeamFactory(name="RH")
    news = publish_news(
        title="Sécurité",
        intro="En bref",
        body_html="<p>Changez vos <b>mots de passe</b>.</p>",
        audience=[rh, it],
        tags=["sécurité"],
        language="fr",
        category="IT",
    )
    ExternalKey.objects.create(
        kind="news",
        key="old-42",
        content_type=ContentType.objects.get_for_model(NewsPage),
        object_id=str(news.pk),
    )

    document = news_document(news)

    assert document.kind == "news" and document.key == "old-42"
    assert document.title == "Sécurité" and document.url == news.url
    assert "En bref" in document.body and "Changez vos mots de passe." in document.body
    assert "<b>" not in document.body
    assert document.teams == ["IT", "RH"]
    # The audience targets the feed; reading follows page privacy, so search does not hide it.
    assert document.audience_team_ids is None
    assert document.date == news.first_published_at
    assert document.tags == ["sécurité"] and document.language == "fr"
    assert document.group_ids is None


def test_news_for_everyone_has_no_audience_restriction():
    assert news_document(publish_news(title="Pour tous")).audience_team_ids is None


def test_group_restricted_pages_carry_their_groups():
    direction = Group.objects.create(name="Direction")
    news = publish_news(title="Confidentiel")
    restriction = PageViewRestriction.objects.create(
        page=news.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([direction])

    assert news_document(news).group_ids == [direction.pk]


def test_unpublished_and_password_protected_pages_are_not_findable():
    draft = publish_news(title="Brouillon")
    draft.unpublish()
    draft.refresh_from_db()
    secret = publish_news(title="Secret")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    update = publish_update(title="Interne")
    PageViewRestriction.objects.create(
        page=update, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert news_document(draft) is None
    assert news_document(secret) is None
    assert leadership_update_document(update) is None


def test_a_leadership_update_document_names_no_question_author():
    author = person(first_name="Mathilde", last_name="Robert")
    update = publish_update(title="Cap 2027", author=author.profile, tags=["stratégie"])

    document = leadership_update_document(update)

    assert document.kind == "leadership_update"
    assert document.date == update.first_published_at
    assert document.audience_team_ids is None and document.group_ids is None
    assert document.tags == ["stratégie"]
