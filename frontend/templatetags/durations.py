from django import template

from core.durations import human_duration

register = template.Library()


@register.filter
def duration(value) -> str:
    """A timedelta as people say it: `{{ stats.median_first_answer|duration }}`."""
    return human_duration(value)
