"""The tree's root page is shown to staff in breadcrumbs and choosers: give it a French name."""

from django.db import migrations

FRENCH_TITLE = "Racine du site"


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=FRENCH_TITLE, draft_title=FRENCH_TITLE)


def restore_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=FRENCH_TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [("home", "0003_video_link_block")]

    operations = [migrations.RunPython(rename_root, restore_root)]
