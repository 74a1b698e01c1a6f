from django.db import migrations

# The directory lists people by last name, then first name (people.selectors.SORTS): with
# this index PostgreSQL reads the first page in that order and stops, instead of sorting every
# active person (bench/scale.py --explain: a top-N sort of 50,000 rows on each page). The
# columns belong to Django's user table, hence SQL rather than a model's Meta.indexes; the
# statement is the same on SQLite (the embedded mode).
CREATE = "CREATE INDEX IF NOT EXISTS people_user_name_order ON auth_user (last_name, first_name)"
DROP = "DROP INDEX IF EXISTS people_user_name_order"


class Migration(migrations.Migration):
    """The directory's default order (last name, first name) read from an index."""

    dependencies = [
        ("people", "0009_highlight_consent_and_ambassador"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
