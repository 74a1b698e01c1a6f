"""The floor of bench/pages.py: a bare Wagtail page rendered in the site's base template.

A plain `wagtail.models.Page` has no template of its own in Ruche (no page of the site is
one). In the benchmark's processes, and only there, `install_floor_template()` gives it the
site's base template with an empty content block: the header, navigation, notification badge,
menus and footer every page carries, for the same signed-in reader, and nothing else. What a
page costs above it is what the page itself adds.
"""

from __future__ import annotations

FLOOR_SLUG = "plancher"
SOURCE = '{% extends "frontend/base.html" %}{% block content %}{% endblock %}'


def install_floor_template() -> None:
    """Serve plain `Page`s (and only them: subclasses keep theirs) with the floor template."""
    from django.template import engines
    from wagtail.models import Page

    template = engines["django"].from_string(SOURCE)  # compiled once; its parent is cached
    own = Page.get_template

    def get_template(self, request, *args, **kwargs):
        if type(self) is Page:
            return template  # TemplateResponse takes a template object as it is
        return own(self, request, *args, **kwargs)

    Page.get_template = get_template
