"""The demo draws its pictures (Pillow, nothing downloaded): covers for most news, updates,
challenges and communities, portraits for a few people; a second load adds none."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model

from communities.models import Community, Visibility
from ideas.models import ChallengePage
from news.models import LeadershipUpdatePage, NewsPage
from people.models import Profile
from tests.intranet.factories import home_page

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", "--allow-production", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_draws_covers_and_portraits_once():
    home_page()
    first = load_demo()
    images = get_image_model().objects.count()
    second = load_demo()

    assert "pictures drawn" in first and "pictures drawn" not in second
    assert get_image_model().objects.count() == images
    assert NewsPage.objects.filter(cover_image__isnull=False).count() == 3
    assert NewsPage.objects.filter(cover_image__isnull=True).exists()  # the default visual
    assert LeadershipUpdatePage.objects.filter(cover_image__isnull=False).count() == 1
    assert ChallengePage.objects.filter(cover_image__isnull=False).count() == 1
    assert Profile.objects.filter(photo__isnull=False).count() == 5
    secret = Community.objects.get(visibility=Visibility.SECRET)
    assert secret.cover is not None and "codir" not in secret.cover.file.name
    card = NewsPage.objects.filter(cover_image__isnull=False).first().cover_image
    assert card.renditions.filter(filter_spec="fill-800x450-c75|format-avif").exists()
    assert card.width == 1600 and card.height == 900
