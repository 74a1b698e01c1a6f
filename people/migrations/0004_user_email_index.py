from django.db import migrations


def create_index(apps, schema_editor):
    # Matches the SQL of Django's `email__iexact` lookup on each backend.
    column = "UPPER(email::text)" if schema_editor.connection.vendor == "postgresql" else "UPPER(email)"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS people_user_email_upper ON auth_user ({column})")


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS people_user_email_upper")


class Migration(migrations.Migration):
    """People are matched by email (imports, single sign-on): index it, case-insensitively."""

    dependencies = [("people", "0003_default_values"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_index, drop_index)]
