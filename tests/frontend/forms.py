"""What every form given back after an invalid submission shows, read from its HTML: the
error summary at the top links to each field in error, each field's control (or its group)
points at its error with aria-describedby, and what was typed is still there."""

from __future__ import annotations

import re


def error_summary(html: str) -> str:
    """The error summary's HTML; fails when the page has none."""
    start = html.index('<div class="error-summary"')
    return html[start : html.index("</div>", start)]


def tag_with_id(html: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    found = re.search(rf'<[a-z]+\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert found, f"no element with id {element_id}"
    return found.group(0)


def assert_given_back(html: str, *errors: str, kept: tuple[str, ...] = ()) -> None:
    """`errors`: ids of the controls in error (a group of choices: its first choice, e.g.
    `id_value_0`). Each is linked from the summary, its error has an id, and its control (or
    its group's fieldset) names that error in aria-describedby; every `kept` snippet is in
    the page (a value typed, a choice still checked)."""
    summary = error_summary(html)
    assert 'role="alert"' in summary
    if errors:  # at the top: before the fields
        assert html.index('<div class="error-summary"') < html.index(f'id="{errors[0]}"')
    for control_id in errors:
        assert f'href="#{control_id}"' in summary, control_id
        base = re.sub(r"_\d+$", "", control_id)
        error_id = f"{base}-error"
        assert f'id="{error_id}"' in html, error_id
        described = re.findall(r'aria-describedby="([^"]*)"', html)
        assert any(error_id in value.split() for value in described), error_id
        control = tag_with_id(html, control_id)
        if base == control_id:
            assert 'aria-invalid="true"' in control, control
    for snippet in kept:
        assert snippet in html, snippet
