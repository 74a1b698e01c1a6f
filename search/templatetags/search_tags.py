from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from search.labels import FACET_LABELS, KIND_LABELS, PERIOD_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.filter
def kind_label(kind: str) -> StrOrPromise:
    return KIND_LABELS.get(kind, kind)


@register.filter
def facet_value_label(value: str, facet: str) -> StrOrPromise:
    if facet == "kind":
        return KIND_LABELS.get(value, value)
    if facet == "period":
        return PERIOD_LABELS.get(value, value)
    return value


@register.filter
def facet_label(facet: str) -> StrOrPromise:
    return FACET_LABELS.get(facet, facet)
