from django import template
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

register = template.Library()

# The sections every employee goes to, in menu order; one query finds those that exist.
SECTION_MODELS = [
    ("news", "newsindexpage"),
    ("ideas", "ideashubpage"),
    ("news", "leadershipindexpage"),
]


@register.simple_tag(takes_context=True)
def main_sections(context) -> list[dict]:
    """The published section index pages (news, ideas hub, leadership) as menu entries."""
    request = context.get("request")
    types = [ContentType.objects.get_by_natural_key(app, model).pk for app, model in SECTION_MODELS]
    pages = {
        page.content_type_id: page
        for page in Page.objects.live().public().filter(content_type_id__in=types).order_by("path")
    }
    entries = []
    for content_type_id in types:
        page = pages.get(content_type_id)
        url = page.get_url(request) if page else None
        if page and url:
            current = request is not None and request.path.startswith(url)
            entries.append({"title": page.title, "url": url, "current": current})
    return entries
