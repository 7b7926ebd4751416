"""The course outline on a course's edit form, and the actions on a whole course: a moderator publishes a
course with its steps in one go, a trainer submits them all for moderation. Users are put in the real
groups created by the data migration, and the real moderation workflow is used."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, QuizPageFactory

pytestmark = pytest.mark.django_db


def staff(client, group, email):
    user = get_user_model().objects.create_user(email=email, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def course(home_page):
    """A live course with a live lesson, a lesson in draft and a quiz never published, in that order."""
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Les bases du web")
    LessonPageFactory(parent=course, title="Le nom de domaine", estimated_minutes=12).save_revision().publish()
    draft = LessonPageFactory(parent=course, title="L’hébergement", estimated_minutes=8, live=False)
    draft.save_revision()
    quiz = QuizPageFactory(parent=course, title="Quiz final", live=False)
    quiz.save_revision()
    return course


def edit_page(client, course):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_outline_lists_every_step_in_learner_order_with_its_number_minutes_and_state(client, course):
    staff(client, "Formateurs", "formatrice@example.org")
    html = edit_page(client, course)
    outline = html[html.index('class="course-outline"') :]
    assert "Plan de la formation" in html
    positions = [outline.index(title) for title in ("Le nom de domaine", "L’hébergement", "Quiz final")]
    assert positions == sorted(positions)
    assert "12 min" in outline and "8 min" in outline
    assert "brouillon" in outline.lower() and "en ligne" in outline.lower()


def test_a_live_course_with_unpublished_steps_warns_that_learners_do_not_see_them(client, course):
    staff(client, "Formateurs", "formatrice@example.org")
    html = edit_page(client, course)
    assert "en ligne mais 2 de ses étapes ne sont pas publiées\u00a0: les apprenants ne les voient pas" in html


def test_a_moderator_publishes_the_course_with_its_steps_in_one_go(client, course):
    staff(client, "Modération", "moderation@example.org")
    url = reverse("courses_course_steps", args=[course.pk, "publier"])
    assert url in edit_page(client, course)
    confirm = client.get(url).content.decode()
    assert "L’hébergement" in confirm and "Quiz final" in confirm

    response = client.post(url, follow=True)

    assert all(page.live and not page.has_unpublished_changes for page in Page.objects.child_of(course))
    html = response.content.decode()
    assert "2 pages publiées\u00a0: la formation et ses étapes sont en ligne" in html


def test_a_trainer_may_not_publish_but_submits_the_course_with_its_steps_for_moderation(client, course):
    staff(client, "Formateurs", "formatrice@example.org")
    html = edit_page(client, course)
    assert reverse("courses_course_steps", args=[course.pk, "publier"]) not in html
    submit = reverse("courses_course_steps", args=[course.pk, "soumettre"])
    assert submit in html

    refused = client.post(reverse("courses_course_steps", args=[course.pk, "publier"]), follow=True)
    assert "Vous ne pouvez pas publier" in refused.content.decode()
    assert Page.objects.child_of(course).filter(live=False).count() == 2  # nothing was published

    client.post(submit)

    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert sorted(state.content_object.title for state in waiting) == ["L’hébergement", "Quiz final"]
    # Submitting again changes nothing: both are already waiting.
    again = client.post(submit, follow=True)
    assert "déjà en attente" in again.content.decode()
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 2


def test_an_unknown_action_is_a_404_and_a_course_with_nothing_to_publish_says_so(client, course):
    staff(client, "Modération", "moderation@example.org")
    assert client.get(reverse("courses_course_steps", args=[course.pk, "effacer"])).status_code == 404
    client.post(reverse("courses_course_steps", args=[course.pk, "publier"]))
    response = client.get(reverse("courses_course_steps", args=[course.pk, "publier"]), follow=True)
    assert "déjà publié" in response.content.decode()
