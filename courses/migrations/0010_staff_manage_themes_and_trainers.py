"""Formateurs and Modération manage the course themes and trainers (only superusers could), so a
new topic or a new volunteer trainer needs nobody else; the choosers then offer "create" to them.
Deleting stays with Modération."""

from django.db import migrations

APP = "courses"
EVERYDAY = ["add_theme", "change_theme", "add_trainer", "change_trainer"]
GRANTS = {
    "Formateurs": EVERYDAY,
    "Modération": [*EVERYDAY, "delete_theme", "delete_trainer"],
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
        ("courses", "0009_learning_paths_and_required_prerequisites"),
        ("home", "0002_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
