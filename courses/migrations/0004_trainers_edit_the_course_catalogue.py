"""Give the "Formateurs" group its page permissions on the existing course catalogue.

Trainers add and edit courses, lessons and quizzes under the catalogue, and nowhere else; publishing
goes through the moderation workflow. A catalogue created later gets the same permissions from a
``post_save`` receiver (``courses.signals.catalogue_created``).
"""

from django.db import migrations

GROUP = "Formateurs"
CODENAMES = ("add_page", "change_page")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=CODENAMES))
    for catalogue in CourseIndexPage.objects.all():
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=catalogue.pk, permission=permission)


def revoke(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    GroupPagePermission.objects.filter(
        group__name=GROUP,
        page_id__in=CourseIndexPage.objects.values("pk"),
        permission__codename__in=CODENAMES,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_report_permissions_for_staff_groups"),
        ("home", "0002_editor_groups_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
