"""Page titles hold no invisible direction control: the admin's page form refuses one on the
title field (through the page models' validation), and so does the import."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from intranet.models import StandardPage
from news.models import NewsPage
from tests.importing import run_import, write_jsonl
from tests.intranet.factories import home_page, publish_standard_page

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_the_admin_refuses_a_page_title_with_a_direction_control(admin_client):
    page = publish_standard_page(title="Télétravail", parent=home_page())
    data = nested_form_data(
        {"title": f"Note{RLO}fdp.exe", "slug": page.slug, "body": streamfield([])}
    )
    data.update({"tags": "", "language": "fr"})

    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    form = response.context["form"]
    assert "U+202E" in form.errors["title"][0]
    page.refresh_from_db()
    assert page.title == "Télétravail" and not page.has_unpublished_changes


def test_every_page_type_refuses_it_in_its_validation():
    for page in (StandardPage(title=f"a{RLO}b", slug="a"), NewsPage(title="a\u2068b", slug="b")):
        with pytest.raises(ValidationError) as refused:
            page.clean()
        assert "title" in refused.value.message_dict


def test_the_import_refuses_a_page_or_news_title_with_one(tmp_path):
    home_page()
    path = write_jsonl(
        tmp_path,
        {"kind": "page", "key": "p-rlo", "title": f"Guide{RLO}", "body": "Texte"},
        {"kind": "page", "key": "p-ok", "title": "Guide", "body": "Texte"},
    )

    _out, err = run_import(path, expect_failure=True)

    assert f"{path}:1: field 'title' contains an invisible text direction character" in err
    assert list(StandardPage.objects.values_list("title", flat=True)) == ["Guide"]
