"""Rédaction and Modération manage news categories and authors (only superusers could), so a new
topic or a new volunteer author needs nobody else; the author chooser then offers "create" to them.
Deleting stays with Modération."""

import django.db.models.deletion
from django.db import migrations, models

APP = "news"
EVERYDAY = ["add_category", "change_category", "add_author", "change_author"]
GRANTS = {
    "Rédaction": EVERYDAY,
    "Modération": [*EVERYDAY, "delete_category", "delete_author"],
}


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; create them now for a fresh database."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config(APP), verbosity=0, apps=apps)


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label=APP, codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=APP, codename__in=codenames))


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0003_video_link_block'),
        ('home', '0002_editor_groups_and_workflow'),
    ]

    operations = [
        migrations.AlterField(
            model_name='newspageauthor',
            name='author',
            field=models.ForeignKey(help_text='Choose an author; someone who is not in the list yet can be added from the same window (“Create” tab).', on_delete=django.db.models.deletion.CASCADE, related_name='news_links', to='news.author', verbose_name='author'),
        ),
        migrations.RunPython(grant, revoke),
    ]
