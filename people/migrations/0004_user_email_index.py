from django.db import migrations


class Migration(migrations.Migration):
    """People are matched by email (imports, single sign-on): index it, case-insensitively."""

    dependencies = [("people", "0003_default_values"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS people_user_email_upper ON auth_user (UPPER(email::text))",
            "DROP INDEX IF EXISTS people_user_email_upper",
        )
    ]
