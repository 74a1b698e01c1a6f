from django import template

from insights.selectors import may_open_team_dashboards

register = template.Library()


@register.filter
def manages_teams(user) -> bool:
    """For the header's link to the managers' dashboard; no query for the signed-in user."""
    return may_open_team_dashboards(user)


@register.filter
def get_count(counter, key):
    """A count from a Counter or dict, 0 when missing."""
    return counter.get(key, 0)
