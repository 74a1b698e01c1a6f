from django import template

register = template.Library()


@register.filter
def get_count(counter, key):
    """A count from a Counter or dict, 0 when missing."""
    return counter.get(key, 0)
