"""Builders for the site itself: the home page, standard pages, Wagtail's editors; dates."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail.rich_text import RichText

from core.languages import locale_for
from intranet.models import HomePage, StandardPage


def home_page() -> HomePage:
    """The site's home page, rebuilt if a transactional test has flushed the tables."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Ruche", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Ruche"},
    )
    return home


def publish_standard_page(
    *, title: str, body_html: str = "<p>Body</p>", parent: Page | None = None, tags=(), **fields
) -> StandardPage:
    parent = parent or home_page()
    page = StandardPage(title=title, body=[("paragraph", RichText(body_html))], **fields)
    parent.add_child(instance=page)
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page


def publish_translation(page: Page, language: str, *, title: str, **fields) -> Page:
    """`page` translated into `language` as the admin's translation makes it (Wagtail's copy
    for translation, a draft beside the original), then given `fields` and published."""
    translation = page.copy_for_translation(locale_for(language))
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return type(page).objects.get(pk=translation.pk)


def editors_group() -> Group:
    """Wagtail's Editors group with its usual rights, rebuilt after a transactional flush."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    return group


def dated(instance, when: datetime, field: str = "created_at"):
    """Set an automatic date afterwards (auto_now_add cannot be given at creation)."""
    type(instance).objects.filter(pk=instance.pk).update(**{field: when})
    setattr(instance, field, when)
    return instance
