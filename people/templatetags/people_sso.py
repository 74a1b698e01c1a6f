from django import template

from people.oidc import oidc_enabled

register = template.Library()


@register.simple_tag
def sso_enabled() -> bool:
    return oidc_enabled()
