"""Ruche's component library for templates (a builtin: no `{% load %}` needed).

Inclusion tags render the templates in `frontend/components/`; the styleguide
(`/styleguide/`) shows each of them in each of its states. None of them queries: they use
what the template already has (a user's name, a form's bound fields).

    {% avatar person %}                          photo or initials, named for screen readers
    {% avatar comment.author decorative=True %}  beside a visible name: hidden from them
    {% status_badge "success" _("Published") %}
    {% metric_card label value trend="up" change="+12 %" period=_("vs last week") %}
    {% empty_state title text action_url=url action_label=label %}
    {% form_field form.title %}                  label, help, error, aria-describedby
    {% error_summary form %}                     links to the fields in error
    {% tabs items label=_("Views") %}            items: dicts of label, url, current[, count]
    {% dialog "id" title=_("…") %}…{% enddialog %}   native <dialog>, a page section without JS
    {% filter_drawer %}…{% endfilter_drawer %}   <details>, after the results on phones
    {% icon "bell" %}                            a decorative SVG icon
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString

from frontend import components

register = template.Library()

SIZES = ("sm", "md", "lg", "xl")


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An inline SVG icon; decorative (aria-hidden) unless given a `label`."""
    path = components.ICONS.get(name, components.ICONS["info"])
    if label:
        return format_html(
            '<svg class="icon icon--{}" viewBox="0 0 24 24" role="img" aria-label="{}">'
            '<path d="{}"/></svg>',
            name,
            label,
            path,
        )
    return format_html(
        '<svg class="icon icon--{}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="{}"/></svg>',
        name,
        path,
    )


@register.inclusion_tag("frontend/components/avatar.html")
def avatar(
    person: Any, size: str = "md", photo: Any = None, decorative: bool = False, name: str = ""
) -> dict:
    """A person's avatar: their `photo` (a Wagtail image or a URL) when given, else their
    initials on a colour drawn from their name. Named by their name (`role="img"`), or
    hidden from screen readers when `decorative` (the name is written beside it)."""
    full_name = name or components.display_name(person)
    return {
        "name": full_name,
        "initials": components.initials(name) if name else components.person_initials(person),
        "colour": components.avatar_colour(full_name),
        "size": size if size in SIZES else "md",
        "photo": photo,
        "photo_is_url": isinstance(photo, str),
        "decorative": decorative,
    }


@register.inclusion_tag("frontend/components/status_badge.html")
def status_badge(status: str, label: str) -> dict:
    """A status written in words with an icon and the status's colours (never colour alone)."""
    status = status if status in components.STATUSES else "neutral"
    return {"status": status, "label": label, "icon_name": components.STATUSES[status]}


@register.inclusion_tag("frontend/components/metric_card.html")
def metric_card(
    label: str, value: Any, trend: str = "", change: str = "", period: str = "", good: str = ""
) -> dict:
    """A figure with its label and, optionally, its trend, in the dashboards' metric card
    (`core.charts`' cards; load `frontend/css/charts.css`): `trend` "up", "down" or "flat",
    `change` the difference as text ("+12 %"), `period` what it compares with, `good` ("up"
    or "down") which direction is good news. The trend is always written, never colour alone."""
    moved = None
    if trend in ("up", "down", "flat"):
        better = None if trend == "flat" or not good else trend == good
        moved = {"direction": trend, "text": change, "good": better}
    return {"label": label, "value": value, "trend": moved, "trend_period": period}


@register.inclusion_tag("frontend/components/empty_state.html")
def empty_state(
    title: str, text: str = "", action_url: str = "", action_label: str = "", icon: str = "inbox"
) -> dict:
    """Nothing to show yet, said plainly, with the next step to take when there is one."""
    return {
        "title": title,
        "text": text,
        "action_url": action_url,
        "action_label": action_label,
        "icon_name": icon,
    }


@register.inclusion_tag("frontend/components/form_field.html")
def form_field(field: BoundField, hide_label: bool = False) -> dict:
    """A form field: its label, control, help and errors; the control points at the help and
    the error with `aria-describedby` and says `aria-invalid` when in error."""
    ids = components.field_ids(field)
    attrs: dict[str, str | bool] = {}
    described = components.described_by(field)
    if described:
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    widget_type = getattr(field.field.widget, "input_type", "")
    return {
        "field": field,
        "control": field.as_widget(attrs=attrs),
        "help_id": ids["help"],
        "error_id": ids["error"],
        "hide_label": hide_label,
        "is_choice": widget_type in ("checkbox", "radio")
        or field.widget_type in ("checkboxselectmultiple", "radioselect"),
        "is_checkbox": widget_type == "checkbox" and field.widget_type == "checkbox",
    }


@register.inclusion_tag("frontend/components/error_summary.html")
def error_summary(form: Any, title: str = "") -> dict:
    """The form's errors listed at its top, each linked to its field (non-field ones as
    text); nothing when the form has none."""
    items = []
    if form is not None and form.is_bound and form.errors:
        for error in form.non_field_errors():
            items.append({"href": "", "message": error})
        for field in form:
            target = components.field_target(field)
            for error in field.errors:
                href = f"#{target}" if target else ""
                items.append({"href": href, "message": error, "label": field.label})
    return {"items": items, "title": title, "prefix": form.prefix if form is not None else ""}


@register.inclusion_tag("frontend/components/tabs.html")
def tabs(items: list[dict], label: str = "") -> dict:
    """Tabs as links (each to a page or an anchor), the current one marked `aria-current`:
    they work without JS and are read as the navigation they are."""
    return {"items": items, "label": label}


class _WrapNode(template.Node):
    """Renders `template_name` with the tag's arguments and its body as `body`."""

    def __init__(self, template_name: str, nodelist, args, kwargs):
        self.template_name = template_name
        self.nodelist = nodelist
        self.args = args
        self.kwargs = kwargs

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        if self.args:
            values["id"] = self.args[0].resolve(context)
        values["body"] = self.nodelist.render(context)
        return context.template.engine.get_template(self.template_name).render(context.new(values))


def _wrap_tag(name: str, template_name: str):
    def compile_tag(parser, token):
        bits = token.split_contents()[1:]
        args, kwargs = [], {}
        for bit in bits:
            if "=" in bit:
                key, value = bit.split("=", 1)
                kwargs[key] = parser.compile_filter(value)
            else:
                args.append(parser.compile_filter(bit))
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return _WrapNode(template_name, nodelist, args, kwargs)

    register.tag(name, compile_tag)


# {% dialog "id" title=… open_label=… %}…{% enddialog %}: a native <dialog>; without JS a
# section of the page its opener link leads to (frontend/js/ruche.js makes it modal).
_wrap_tag("dialog", "frontend/components/dialog.html")
# {% filter_drawer title=… count=… %}…{% endfilter_drawer %}
_wrap_tag("filter_drawer", "frontend/components/filter_drawer.html")
