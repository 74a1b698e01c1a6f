"""The French the site speaks is the French its catalogues hold: every catalogue parses and its
compiled `.mo` (what Django reads) carries every translation of its `.po` (what people edit)."""

import gettext

import polib
import pytest

from tests.processes import REPO

CATALOGUES = sorted(
    path
    for path in REPO.glob("**/locale/fr/LC_MESSAGES/django.po")
    if not {".venv", "node_modules", ".services"} & set(path.relative_to(REPO).parts)
)


def test_every_app_has_a_french_catalogue():
    apps = {path.relative_to(REPO).parts[0] for path in CATALOGUES}

    assert {"locale", "people", "news", "ideas", "communities", "insights"} <= apps


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_compiled_catalogue_holds_every_translation(po_path):
    catalogue = polib.pofile(str(po_path))
    with po_path.with_suffix(".mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)

    missing = []
    for entry in catalogue.translated_entries():
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            expected = entry.msgstr_plural[1]
            found = compiled.ngettext(entry.msgid, entry.msgid_plural, 2)
        else:
            expected = entry.msgstr
            found = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else compiled.gettext(entry.msgid)
            )
        if found != expected:
            missing.append(entry.msgid)

    assert not missing, f"Run `make messages` (compilemessages): {len(missing)} stale, e.g. " + (
        "; ".join(missing[:5])
    )
