"""`{% theme_color %}`: the browser's colour for the site, from the design tokens (frontend.pwa)."""

from django import template

from frontend.pwa import theme_color as token

register = template.Library()


@register.simple_tag
def theme_color() -> str:
    return token()
