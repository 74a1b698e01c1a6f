"""Editors and communicators tune search from the relevance desk: give the groups of sites
configured before the permissions news.services.sections.configure_roles gives new ones."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Communicators"]
PERMISSIONS = [
    ("search", "use_relevance_desk"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "view_searchpromotion"),
]


def grant_desk_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    for label in ("search", "wagtailsearchpromotions"):
        config = apps.get_app_config(label)
        config.models_module = getattr(config, "models_module", None) or True
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        permission
        for app_label, codename in PERMISSIONS
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_document_block_template_in_core"),
        ("search", "0005_relevance_desk_permission"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_desk_permissions, migrations.RunPython.noop)]
