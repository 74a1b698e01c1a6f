"""Information pages in French and English as translations of each other (issue 18).

A translation shares its original's translation_key, stands beside it in the one tree at an
address of its own (no /fr/ or /en/ prefix) and is in the locale of its language; each version
links to the other; the import makes translations with `translation_of`.
"""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from intranet.models import StandardPage
from tests.importing import run_import, write_jsonl
from tests.intranet.factories import home_page, publish_standard_page, publish_translation
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_translation_shares_the_key_stands_beside_the_original_in_its_own_locale():
    original = publish_standard_page(title="Télétravail", slug="teletravail", language="fr")

    english = publish_translation(original, "en", title="Remote work policy")

    assert english.translation_key == original.translation_key
    assert (english.language, english.locale.language_code) == ("en", "en")
    assert (original.language, original.locale.language_code) == ("fr", "fr")
    assert english.get_parent().pk == original.get_parent().pk == home_page().pk
    assert original.url == "/teletravail/"
    assert english.url == "/teletravail-en/"


def test_a_page_written_in_english_is_in_the_english_locale():
    page = publish_standard_page(title="Onboarding guide", language="en")

    assert page.locale == Locale.objects.get(language_code="en")


def test_each_version_links_to_the_other_in_that_versions_language(client):
    original = publish_standard_page(title="Télétravail", slug="teletravail")
    english = publish_translation(original, "en", title="Remote work policy")
    client.force_login(UserFactory())

    french_page = client.get(original.url).content.decode()
    english_page = client.get(english.url).content.decode()

    assert f'href="{english.url}" lang="en" hreflang="en"' in french_page
    assert ">Also in English</a>" in french_page
    assert f'href="{original.url}" lang="fr" hreflang="fr"' in english_page
    assert ">Aussi en français</a>" in english_page


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("fr", "Télétravail", "Remote work policy"), ("en", "Remote work policy", "Télétravail")],
)
def test_the_home_page_lists_a_translated_page_once_in_the_readers_language(
    client, language, shown, hidden
):
    original = publish_standard_page(title="Télétravail", slug="teletravail")
    publish_translation(original, "en", title="Remote work policy")
    client.force_login(UserFactory())

    home = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert home.count(f">{shown}</a>") == 1
    assert f">{hidden}</a>" not in home


def test_a_page_without_a_live_translation_offers_no_switch(client):
    original = publish_standard_page(title="Télétravail")
    draft = original.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    client.force_login(UserFactory())

    page = client.get(original.url).content.decode()

    assert not draft.live
    assert 'data-testid="other-version"' not in page


def test_the_admin_refuses_to_give_a_version_the_language_of_another(admin_user, english):
    original = publish_standard_page(title="Télétravail")
    english = publish_translation(original, "en", title="Remote work policy")
    form_class = StandardPage.get_edit_handler().get_form_class()
    form = form_class(instance=english, for_user=admin_user)
    form.cleaned_data = {"language": "fr"}

    with pytest.raises(ValidationError, match="already has a version in that language"):
        form.clean_language()
    form.cleaned_data = {"language": "en"}
    assert form.clean_language() == "en"


# --- The import: `translation_of` -----------------------------------------------------------


def page_line(key, title, **fields):
    return {"kind": "page", "key": key, "title": title, "body": f"Texte de {title}", **fields}


def test_an_imported_page_becomes_the_translation_of_the_page_it_names(tmp_path):
    home_page()
    path = write_jsonl(
        tmp_path,
        # The translation first: lines are ordered so that the original exists before it.
        page_line("pg-remote", "Remote work policy", language="en", translation_of="pg-tt"),
        page_line("pg-tt", "Télétravail"),
    )

    run_import(path)

    french = StandardPage.objects.get(title="Télétravail")
    english = StandardPage.objects.get(title="Remote work policy")
    assert english.translation_key == french.translation_key
    assert english.locale.language_code == "en"
    assert english.get_parent().pk == french.get_parent().pk


def test_translation_of_errors_name_the_file_and_line(tmp_path):
    home_page()
    first = write_jsonl(
        tmp_path,
        page_line("pg-tt", "Télétravail"),
        {
            "kind": "news",
            "key": "n-1",
            "title": "Une actualité",
            "body": "Texte",
            "published_at": "2026-03-02T09:30:00+01:00",
        },
        name="first.jsonl",
    )
    run_import(first)
    path = write_jsonl(
        tmp_path,
        page_line("pg-a", "Remote", language="en", translation_of="pg-nowhere"),
        page_line("pg-b", "Télétravail bis", language="fr", translation_of="pg-tt"),
        page_line("pg-c", "Some news", language="en", translation_of="n-1"),
        page_line("pg-d", "Remote work", language="en", translation_of="pg-tt"),
        page_line("pg-e", "Remote work again", language="en", translation_of="pg-tt"),
    )

    _, err = run_import(path, expect_failure=True)

    assert f"{path}:1: unknown page 'pg-nowhere'" in err
    assert f"{path}:2: 'translation_of' names page 'pg-tt', which is in 'fr' too" in err
    assert f"{path}:3: 'translation_of' names news 'n-1': a page translates a page" in err
    assert f"{path}:4:" not in err
    assert f"{path}:5: the item 'translation_of' names already has a 'en' version" in err
    assert StandardPage.objects.filter(title="Remote work").exists()
