"""The outbox, deliveries and external keys now belong to `core` (core 0001): forget them here
without dropping their tables, and hand their content types (and so their permissions) over."""

import wagtail.fields
from django.db import migrations

MOVED = ["outboxtask", "delivery", "externalkey"]


def hand_content_types_to_core(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="intranet", model__in=MOVED).update(app_label="core")


def hand_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model__in=MOVED).update(app_label="intranet")


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0004_delivery"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Delivery"),
                migrations.RemoveField(model_name="externalkey", name="content_type"),
                migrations.DeleteModel(name="OutboxTask"),
                migrations.DeleteModel(name="ExternalKey"),
            ],
        ),
        migrations.RunPython(hand_content_types_to_core, hand_content_types_back),
        # The document block's template moved to core/blocks/ (no change to stored content).
        migrations.AlterField(
            model_name="standardpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 0),
                    ("paragraph", 1),
                    ("image", 2),
                    ("quote", 5),
                    ("embed", 6),
                    ("document", 7),
                ],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"form_classname": "title", "icon": "title", "label": "Heading"},
                    ),
                    1: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "features": [
                                "h2", "h3", "bold", "italic", "ol", "ul", "link",
                                "document-link", "hr",
                            ],
                            "label": "Paragraph",
                        },
                    ),
                    2: ("wagtail.images.blocks.ImageBlock", [], {"label": "Image"}),
                    3: ("wagtail.blocks.TextBlock", (), {"label": "Quote"}),
                    4: ("wagtail.blocks.CharBlock", (), {"label": "Attribution", "required": False}),
                    5: (
                        "wagtail.blocks.StructBlock",
                        [[("text", 3), ("attribution", 4)]],
                        {"label": "Quote"},
                    ),
                    6: ("wagtail.embeds.blocks.EmbedBlock", (), {"label": "Embed"}),
                    7: (
                        "wagtail.documents.blocks.DocumentChooserBlock",
                        (),
                        {"label": "Document", "template": "core/blocks/document.html"},
                    ),
                },
                verbose_name="body",
            ),
        ),
    ]
