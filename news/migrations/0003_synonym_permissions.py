"""Editors and communicators manage the Synonyms snippet: give the groups of sites configured
before the same permissions as news.services.sections.configure_roles gives new ones. Groups
that do not exist yet get them when the roles are configured."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Communicators"]
CODENAMES = ["add_synonym", "change_synonym", "delete_synonym", "view_synonym"]


def grant_synonym_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    search = apps.get_app_config("search")
    search.models_module = getattr(search, "models_module", None) or True
    create_permissions(search, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_notification_targets"),
        ("search", "0002_searchquerylog_searchentry_searchclick"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_synonym_permissions, migrations.RunPython.noop)]
