"""Built-in filters (see TEMPLATES in the settings): dates and numbers in the reader's
language, French "1er" included (`core.formats`)."""

from typing import Any

from django import template

from core import formats

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value: Any, format_name: str = "DATE_FORMAT") -> str:
    """`{{ moment|local_date }}`, `{{ moment|local_date:"DATETIME_FORMAT" }}`; empty for
    what is not a date, like Django's `date` filter."""
    try:
        return formats.local_date(value, format_name)
    except (AttributeError, TypeError, ValueError):
        return ""


@register.filter(is_safe=False)
def local_number(value: Any, decimal_pos: Any = None) -> object:
    """`{{ value|local_number }}`: 12,5 in French, 12.5 in English; 100 for 100.0. What is
    not a number is shown as it is."""
    try:
        return formats.local_number(value, None if decimal_pos is None else int(decimal_pos))
    except (TypeError, ValueError):
        return value
