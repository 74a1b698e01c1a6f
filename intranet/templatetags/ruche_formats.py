"""Built-in filters (see TEMPLATES in the settings): dates and numbers in the reader's
language, French "1er" included (`intranet.formats`)."""

from django import template

from intranet import formats

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value, format_name: str = "DATE_FORMAT") -> str:
    """`{{ moment|local_date }}`, `{{ moment|local_date:"DATETIME_FORMAT" }}`."""
    return formats.local_date(value, format_name)


@register.filter(is_safe=False)
def local_number(value, decimal_pos=None) -> str:
    """`{{ value|local_number }}`: 12,5 in French, 12.5 in English; 100 for 100.0."""
    return formats.local_number(value, None if decimal_pos is None else int(decimal_pos))
