"""The "Modération" group (home/migrations/0002) may see, moderate and delete signatures."""

from django.db import migrations

MODERATOR = "Modération"
CODENAMES = ["view_signature", "change_signature", "delete_signature"]


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; create them now for a fresh database.
    create_permissions(global_apps.get_app_config("manifesto"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=MODERATOR)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="manifesto", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATOR).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="manifesto", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("manifesto", "0001_initial"),
        ("home", "0002_editor_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
