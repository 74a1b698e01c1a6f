from django import template

from core.links import is_web_url

register = template.Library()


@register.filter
def web_href(value) -> str:
    """The address if it is an http(s) one, else "": `<a href="{{ link|web_href }}">`."""
    return value.strip() if is_web_url(value) else ""
