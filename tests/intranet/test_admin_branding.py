"""The admin in Ruche's colours, logo and name, with avatars from Ruche's profiles (never
an outside service), and in French for a French editor, workflow buttons included."""

import re
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group

from tests.images import wagtail_image
from tests.news.factories import publish_news, sections
from tests.people.factories import person

GRAVATAR = re.compile(r"gravatar\.com|secure\.gravatar|/avatar/[0-9a-f]{32}")


@pytest.fixture
def editor(db):
    sections()
    return person(
        username="redactrice",
        first_name="Camille",
        last_name="Durand",
        groups=[Group.objects.get(name="Editors")],
    )


def test_the_admin_carries_ruches_colours_logo_and_name(client, editor):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "intranet/admin.css" in html
    assert "frontend/favicon.svg" in html
    assert re.search(r"<title>[^<]*Ruche</title>", html)


def test_the_admin_colours_are_ruches_brand(client):
    css = open("intranet/static/intranet/admin.css").read()  # noqa: PTH123, SIM115

    # hsl(32.6 100% 27.1%) is --brand #8a4b00, hsl(32.6 100% 18%) is --brand-dark #5c3200
    assert "--w-color-secondary-hue: 32.6" in css
    assert "--w-color-secondary-lightness: 27.1%" in css
    assert "--w-color-primary-lightness: 18%" in css


def test_the_sign_in_page_is_ruches(client, db):
    html = client.get("/admin/login/").content.decode()

    assert "frontend/favicon.svg" in html
    assert "Wagtail" not in re.sub(r"<script.*?</script>|<link[^>]*>", "", html, flags=re.S)


def test_no_admin_page_asks_gravatar_for_an_avatar(client, editor):
    client.force_login(editor)

    for url in ("/admin/", "/admin/account/", "/admin/pages/"):
        html = client.get(url).content.decode()
        assert not GRAVATAR.search(html), url


def test_a_person_without_a_photo_has_their_initials_as_avatar(client, editor):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    avatars = re.findall(r'<img src="(data:image/svg\+xml[^"]+)"', html)
    assert avatars, "no avatar drawn from the profile"
    assert "CD" in unquote(avatars[0])


def test_a_person_with_a_photo_has_it_as_avatar(client, editor):
    editor.profile.photo = wagtail_image("Portrait", size=(400, 400))
    editor.profile.save()
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert re.search(r'<img src="/media/images/[^"]*\.fill-\d+x\d+[^"]*"', html)
    assert not GRAVATAR.search(html)


def test_a_french_editor_submits_to_the_moderation_workflow_in_french(client, editor):
    news = publish_news(title="Une actualité")
    client.force_login(editor)

    html = client.get(f"/admin/pages/{news.pk}/edit/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    footer = html[html.index('class="footer"') :] if 'class="footer"' in html else html
    assert "Soumettre" in footer
    for english in ("News moderation", "Submit to", "Save draft", "Communicators' approval"):
        assert english not in html, english
