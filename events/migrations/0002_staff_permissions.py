"""Give the "Modération" and "Formateurs" groups the live trainings' staff screens: the sessions (and
their actions: cancel, seats, message, attendance) and the read-only list of registrations with its
exports. Sessions themselves are still edited in their workshop page, under the page permissions."""

from django.db import migrations

GROUPS = ("Modération", "Formateurs")
CODENAMES = ("view_session", "change_session", "view_registration")


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; create them now for a fresh database."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config("events"), verbosity=0, apps=apps)


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("home", "0002_editor_groups_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
