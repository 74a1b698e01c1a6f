"""`{% load people_mentions %}` then `{{ body|link_mentions }}` (HTML) or
`{{ body|link_mentions:"text" }}` (plain text): each mention linked (people/mentions.py)."""

from django import template
from django.utils.safestring import SafeString

from core.richtext import text_to_html
from people.mentions import link_mentions as linked

register = template.Library()


@register.filter
def link_mentions(body: str | None, kind: str = "html") -> SafeString:
    """The body, sanitised, with its mentions linked; `kind="text"` for plain text."""
    markup = text_to_html(body or "") if kind == "text" else body or ""
    return linked(markup)
