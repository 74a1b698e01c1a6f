"""Widgets that render the same HTML as Django's, in one loop instead of one template per
option: a list filter with a hundred teams or skills rendered a hundred `select_option.html`
includes on every page view.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe


def _text(value: Any) -> str:
    """What `{{ value|stringformat:'s' }}` prints: the value as text, escaped unless safe."""
    if isinstance(value, SafeData):
        return str(value)
    return str(conditional_escape(str(value)))


def _attrs(attrs: dict[str, Any]) -> str:
    """What `django/forms/widgets/attrs.html` prints."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_text(value)}"')
    return "".join(parts)


class OneLoopSelect(forms.Select):
    """`forms.Select`, rendered in Python: byte for byte the HTML of Django's templates
    (`select.html`, `select_option.html`, `attrs.html`), without a template per option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                html.append(
                    f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every part is escaped above
