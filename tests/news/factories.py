"""Factories for the news tests: teams, people, news and leadership pages."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from wagtail.rich_text import RichText

from core.models import ExternalKey
from news.models import LeadershipUpdatePage, NewsPage
from news.services import configure_section, ensure_leadership_index, ensure_news_index
from people.models import Profile, Team
from tests.factories import UserFactory, home_page


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Équipe {n}")
    slug = factory.LazyAttribute(lambda team: slugify(team.name))


def person(*, key: str | None = None, team: Team | None = None, groups=(), **user_fields):
    """A user with a profile (and an import key when given)."""
    user = UserFactory(**user_fields)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    profile, _ = Profile.objects.update_or_create(user=user, defaults={"team": team})
    user.profile = profile  # every user gets a profile when saved; this one has the team
    if key:
        ExternalKey.objects.create(
            kind="person",
            key=key,
            content_type=ContentType.objects.get_for_model(Profile),
            object_id=str(profile.pk),
        )
    return user


def team_key(team: Team, key: str) -> None:
    ExternalKey.objects.create(
        kind="team",
        key=key,
        content_type=ContentType.objects.get_for_model(Team),
        object_id=str(team.pk),
    )


def sections():
    """Both index pages, with the workflow, groups and permissions they configure."""
    home_page()
    news_index, leadership_index = ensure_news_index(), ensure_leadership_index()
    configure_section(news_index)
    return news_index, leadership_index


def publish_news(
    *,
    title: str = "Une actualité",
    body_html: str = "<p>Texte de l'actualité.</p>",
    audience=(),
    tags=(),
    **fields,
) -> NewsPage:
    index = ensure_news_index()
    page = NewsPage(title=title, body=[("paragraph", RichText(body_html))], **fields)
    index.add_child(instance=page)
    page.audience_teams.set(list(audience))
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page


def publish_update(
    *, title: str = "Le mot de la direction", tags=(), **fields
) -> LeadershipUpdatePage:
    index = ensure_leadership_index()
    page = LeadershipUpdatePage(
        title=title, body=[("paragraph", RichText("<p>Chers collègues…</p>"))], **fields
    )
    index.add_child(instance=page)
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page
