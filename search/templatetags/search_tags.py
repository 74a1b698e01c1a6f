from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.dateparse import parse_datetime

from search.labels import FACET_LABELS, KIND_LABELS, PERIOD_LABELS, why_label

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


@register.filter
def why_labels(hit) -> str:
    """What found a result, in words: "title · skill · the other language"."""
    labels: list[str] = []
    for code in hit.why:
        label = why_label(code, hit.kind)
        if label not in labels:
            labels.append(label)
    return " · ".join(labels)


@register.filter
def answer_date(value) -> str:
    """An answer's date, whether the engine gave it as text or the database as a datetime."""
    moment = parse_datetime(value) if isinstance(value, str) else value
    return format_date(moment, "j F Y") if moment else ""
