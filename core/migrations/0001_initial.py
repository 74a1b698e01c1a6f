"""The outbox, deliveries and external keys move here from `intranet` without touching their
tables: this migration only tells Django's state that `core` owns them (their tables keep
their `intranet_` names, see each model's `db_table`); intranet 0005 forgets them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        # The tables exist from intranet's migrations up to this one.
        ('intranet', '0004_delivery'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Delivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=255, unique=True)),
                        ('delivered_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                    ],
                    options={
                        'verbose_name': 'delivery',
                        'verbose_name_plural': 'deliveries',
                        'db_table': 'intranet_delivery',
                    },
                ),
                migrations.CreateModel(
                    name='OutboxTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('task_path', models.CharField(max_length=255)),
                        ('args', models.JSONField(default=list)),
                        ('kwargs', models.JSONField(default=dict)),
                        ('queue_name', models.CharField(default='default', max_length=100)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('next_attempt_at', models.DateTimeField(db_index=True)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('finished_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                        ('dead_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                    ],
                    options={
                        'verbose_name': 'background task',
                        'db_table': 'intranet_outboxtask',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='ExternalKey',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40, verbose_name='kind')),
                        ('key', models.CharField(max_length=255, verbose_name='key')),
                        ('object_id', models.CharField(max_length=64)),
                        ('imported_at', models.DateTimeField(auto_now=True, verbose_name='last imported at')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'external key',
                        'db_table': 'intranet_externalkey',
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='intranet_ex_content_b69912_idx')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'key'), name='externalkey_unique_kind_key')],
                    },
                ),
            ],
        ),
    ]
