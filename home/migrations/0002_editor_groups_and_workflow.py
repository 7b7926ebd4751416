"""Editor groups and the moderation workflow.

Creates the three groups staff are put in — "Rédaction", "Modération", "Formateurs" — with the
permissions on pages, images and documents that Wagtail checks, and a moderation workflow on the whole
page tree ("Relecture avant publication": a Modération member approves before anything is published).
Wagtail's own default "Editors"/"Moderators" groups and their workflow are removed when unused, so
editors see only the French groups. Feature apps add their own model permissions to these groups in
their migrations; page permissions limited to a section (courses for "Formateurs") are granted when
that section's index page is created.
"""

from django.db import migrations

EDITOR = "Rédaction"
MODERATOR = "Modération"
TRAINER = "Formateurs"

PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page"],
    MODERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRAINER: [],
}
COLLECTION_PERMISSIONS = {
    # images / documents in the root collection
    EDITOR: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    MODERATOR: [
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ],
    TRAINER: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
}
MODEL_PERMISSIONS = {
    EDITOR: [("wagtailadmin", "access_admin")],
    MODERATOR: [
        ("wagtailadmin", "access_admin"),
        ("home", "change_organisationsettings"),
        ("home", "change_navigationsettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
    TRAINER: [("wagtailadmin", "access_admin")],
}


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; create them now for a fresh database."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {}
    for name in (EDITOR, MODERATOR, TRAINER):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, codename in MODEL_PERMISSIONS[name]:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission:
                group.permissions.add(permission)
        if root_page:
            for codename in PAGE_PERMISSIONS[name]:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection:
            for codename in COLLECTION_PERMISSIONS[name]:
                app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    # Replace Wagtail's English default groups and workflow when nobody uses them.
    for name in ("Moderators", "Editors"):
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            for task in GroupApprovalTask.objects.filter(groups=group):
                if set(task.groups.values_list("name", flat=True)) <= {"Moderators", "Editors"}:
                    Workflow.objects.filter(workflow_tasks__task=task).delete()
                    task.delete()
            group.delete()

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name="Validation par la modération").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Validation par la modération", content_type=task_type, active=True
        )
    task.groups.add(groups[MODERATOR])
    workflow, _ = Workflow.objects.get_or_create(name="Relecture avant publication", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
