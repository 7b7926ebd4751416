import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowPage

from home.models import StandardPage


def staff_user(group_name, email):
    user = get_user_model().objects.create_user(email=email, password="correct horse battery staple")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.django_db
def test_groups_are_created_by_migration_with_french_names():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Rédaction", "Modération", "Formateurs"} <= names
    assert "Moderators" not in names and "Editors" not in names


@pytest.mark.django_db
def test_a_moderation_workflow_covers_the_whole_tree():
    workflow = Workflow.objects.get(name="Relecture avant publication")
    assert WorkflowPage.objects.get(page__depth=1).workflow == workflow
    task = workflow.workflow_tasks.get().task.specific
    assert list(task.groups.values_list("name", flat=True)) == ["Modération"]


@pytest.mark.django_db
def test_editor_can_edit_pages_but_not_publish(client, demo_content):
    editor = staff_user("Rédaction", "redaction@example.org")
    page = StandardPage.objects.get(slug="a-propos")
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/settings/home/organisationsettings/").status_code in (302, 403)


@pytest.mark.django_db
def test_moderator_can_publish_and_edit_settings(client, demo_content):
    moderator = staff_user("Modération", "moderation@example.org")
    page = StandardPage.objects.get(slug="a-propos")
    assert page.permissions_for_user(moderator).can_publish()
    client.force_login(moderator)
    response = client.get("/admin/settings/home/organisationsettings/", follow=True)
    assert response.status_code == 200


@pytest.mark.django_db
def test_trainer_cannot_edit_general_pages(client, demo_content):
    trainer = staff_user("Formateurs", "formateur@example.org")
    page = StandardPage.objects.get(slug="a-propos")
    assert not page.permissions_for_user(trainer).can_edit()
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)


@pytest.mark.django_db
def test_member_without_group_has_no_admin_access(client, demo_content):
    member = get_user_model().objects.create_user(email="membre@example.org", password="x")
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert Page.objects.filter(depth=1).exists()
