from django import template

from search.labels import FACET_LABELS, KIND_LABELS, PERIOD_LABELS

register = template.Library()


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
