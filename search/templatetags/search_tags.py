from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

KIND_LABELS = {
    "page": _("Pages"),
    "news": _("News"),
    "leadership_update": _("Leadership updates"),
    "person": _("People"),
    "team": _("Teams"),
    "challenge": _("Challenges"),
    "idea": _("Ideas"),
}
PERIOD_LABELS = {"week": _("Past week"), "month": _("Past month"), "year": _("Past year")}
FACET_LABELS = {"kind": _("Type"), "team": _("Team"), "tag": _("Tag"), "period": _("Date")}


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@register.filter
def facet_value_label(value: str, facet: str) -> str:
    if facet == "kind":
        return KIND_LABELS.get(value, value)
    if facet == "period":
        return PERIOD_LABELS.get(value, value)
    return value


@register.filter
def facet_label(facet: str) -> str:
    return FACET_LABELS.get(facet, facet)
