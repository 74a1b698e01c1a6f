from django import template

from frontend.navigation import may_open_admin, section_links

register = template.Library()


@register.simple_tag(takes_context=True)
def main_sections(context) -> list[dict]:
    """The published section index pages (news, ideas hub, leadership) as menu entries, from
    the cache once known (frontend/navigation.py); `current` marks the one being read."""
    request = context.get("request")
    path = request.path if request is not None else None
    return [
        {**link, "current": path is not None and path.startswith(link["url"])}
        for link in section_links(request)
    ]


@register.simple_tag(takes_context=True)
def admin_access(context) -> bool:
    """Whether the reader may open the Wagtail admin (its link and the user bar), cached."""
    request = context.get("request")
    return may_open_admin(getattr(request, "user", None))
