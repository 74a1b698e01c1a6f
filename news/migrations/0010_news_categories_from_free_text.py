"""The free-text categories of news items become rows of the managed list, and back.

Forward: one category per name, case and spacing ignored ("Vie interne", " vie  INTERNE" are
one; the spelling of the oldest news item wins), each news item pointing to its own; the
stored revisions follow (an editor opening a page edits its latest revision). Editors and
communicators get the rights to maintain the list. Backward: each news item gets its
category's name as text again, revisions too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.text import slugify

GROUPS = ["Editors", "Communicators"]
CODENAMES = ["add_newscategory", "change_newscategory", "delete_newscategory", "view_newscategory"]


def _normalised(name):
    return " ".join((name or "").split())


def _revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="news", model="newspage").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type)


def _unique_slug(name, taken):
    base = slugify(name)[:100] or "categorie"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def to_rows(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    NewsCategory = apps.get_model("news", "NewsCategory")
    by_key = {}
    for category in NewsCategory.objects.all():
        by_key.setdefault(category.name.casefold(), category)
    taken = set(NewsCategory.objects.values_list("slug", flat=True))

    def category_for(text):
        name = _normalised(text)
        if not name:
            return None
        key = name.casefold()
        if key not in by_key:
            by_key[key] = NewsCategory.objects.create(name=name, slug=_unique_slug(name, taken))
        return by_key[key]

    for page_id, text in NewsPage.objects.order_by("pk").values_list("pk", "category"):
        category = category_for(text)
        if category is not None:
            NewsPage.objects.filter(pk=page_id).update(category_ref=category)
    for revision in _revisions(apps).iterator():
        content = revision.content or {}
        if isinstance(content.get("category"), str):
            category = category_for(content["category"])
            content["category"] = category.pk if category else None
            revision.content = content
            revision.save(update_fields=["content"])
    grant(apps)


def grant(apps):
    # Permissions are normally created after all migrations; these are needed now.
    config = apps.get_app_config("news")
    config.models_module = getattr(config, "models_module", None) or True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="news", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def to_text(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    NewsCategory = apps.get_model("news", "NewsCategory")
    names = dict(NewsCategory.objects.values_list("pk", "name"))
    for page_id, category_id in NewsPage.objects.values_list("pk", "category_ref_id"):
        NewsPage.objects.filter(pk=page_id).update(category=names.get(category_id, ""))
    for revision in _revisions(apps).iterator():
        content = revision.content or {}
        if "category" in content and not isinstance(content["category"], str):
            content["category"] = names.get(content["category"], "")
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_teasers_and_news_category_snippet"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_rows, to_text)]
