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


def post_edit(client, page, **extra):
    """Post the page's edit form as the browser sends it, with ``extra`` fields."""
    from tests.home.test_editor_tabs import edit_form_data

    url = f"/admin/pages/{page.pk}/edit/"
    data = edit_form_data(client.get(url).content.decode(), page)
    for name, value in extra.items():
        data[name.replace("_", "-") if name.startswith("action") else name] = value
    return client.post(url, data)


@pytest.mark.django_db
def test_editor_cannot_publish_through_the_form_and_submits_for_review_instead(client, demo_content):
    editor = staff_user("Rédaction", "redaction@example.org")
    page = StandardPage.objects.get(slug="a-propos")
    live_title = page.title
    client.force_login(editor)

    # "Publier" is not offered to Rédaction; forcing it only saves a draft.
    assert post_edit(client, page, title="À propos (brouillon)", action_publish="action-publish").status_code == 302
    page.refresh_from_db()
    assert page.title == live_title and page.has_unpublished_changes

    assert post_edit(client, page, title="À propos (relu)", action_submit="action-submit").status_code == 302
    page.refresh_from_db()
    assert page.title == live_title
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Validation par la modération"


@pytest.mark.django_db
def test_moderator_approves_a_submitted_page_and_it_goes_live(client, demo_content):
    editor = staff_user("Rédaction", "redaction@example.org")
    moderator = staff_user("Modération", "moderation@example.org")
    page = StandardPage.objects.get(slug="a-propos")
    client.force_login(editor)
    assert post_edit(client, page, title="À propos (relu)", action_submit="action-submit").status_code == 302
    page.refresh_from_db()
    task_state = page.current_workflow_task_state

    # An editor cannot approve their own submission (Wagtail sends them back to the dashboard); a
    # moderator can.
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    refused = client.post(url)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    page.refresh_from_db()
    assert page.workflow_in_progress and page.title != "À propos (relu)"
    client.force_login(moderator)
    assert client.post(url).status_code in (200, 302)
    page.refresh_from_db()
    assert page.title == "À propos (relu)" and page.live and not page.workflow_in_progress


@pytest.mark.django_db
def test_trainer_adds_a_lesson_through_the_form_and_submits_it_but_cannot_publish(client, demo_content):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from courses.models import CoursePage, LessonPage
    from news.models import NewsIndexPage

    trainer = staff_user("Formateurs", "formateur@example.org")
    course = CoursePage.objects.live().order_by("path").first()
    client.force_login(trainer)
    data = nested_form_data(
        {
            "title": "Nouvelle leçon",
            "slug": "nouvelle-lecon",
            "estimated_minutes": 6,
            "body": streamfield([("paragraph", rich_text("<p>Écrite par une formatrice.</p>"))]),
        }
    )
    add_url = f"/admin/pages/add/courses/lessonpage/{course.pk}/"
    assert client.post(add_url, data | {"action-publish": "action-publish"}).status_code == 302
    lesson = LessonPage.objects.get(slug="nouvelle-lecon")
    assert not lesson.live  # a forced "publish" only saved a draft

    response = post_edit(client, lesson, action_submit="action-submit")
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.workflow_in_progress and not lesson.live

    # Outside the catalogue: no article, no general page (Wagtail sends them back to the dashboard).
    news_index = NewsIndexPage.objects.get()
    for url in (f"/admin/pages/add/news/newspage/{news_index.pk}/", f"/admin/pages/{news_index.pk}/edit/"):
        refused = client.get(url)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/"), url
