from django import template

from notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in person's unread count, for the header badge (one COUNT query)."""
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
