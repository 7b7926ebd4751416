"""Trainers reorder a course's steps; nobody is told a refused move succeeded; unpublishing a course
unpublishes its steps by default. Users are put in the real groups created by the data migration."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, QuizPageFactory

pytestmark = pytest.mark.django_db


def staff(client, group, email):
    user = get_user_model().objects.create_user(email=email, password="x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def course(home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Les bases du web")
    for step in (
        LessonPageFactory(parent=course, title="Le nom de domaine"),
        LessonPageFactory(parent=course, title="L’hébergement"),
        QuizPageFactory(parent=course, title="Quiz final"),
    ):
        step.save_revision().publish()
    return course


def titles(course):
    return [step.title for step in course.get_children()]


def move(client, page, position):
    url = reverse("wagtailadmin_pages:set_page_position", args=(page.pk,))
    return client.post(f"{url}?position={position}")


def test_a_trainer_is_offered_the_reorder_view_and_moves_a_step(client, course):
    staff(client, "Formateurs", "formatrice@example.org")
    html = client.get(reverse("wagtailadmin_explore", args=(course.pk,))).content.decode()
    assert "?ordering=ord" in html  # Wagtail's "Sort the order of child pages" entry

    quiz = course.get_children().get(title="Quiz final")
    response = move(client, quiz, 0)

    assert response.status_code == 200
    assert titles(course) == ["Quiz final", "Le nom de domaine", "L’hébergement"]


def test_a_trainer_still_cannot_publish_a_course(client, course):
    staff(client, "Formateurs", "formatrice@example.org")
    assert not course.permissions_for_user(get_user_model().objects.get()).can_publish()


def test_a_refused_move_answers_an_error_not_a_redirect_the_script_takes_for_success(client, course):
    user = staff(client, "Formateurs", "formatrice@example.org")
    # A step of a course outside the trainers' catalogue: they may not edit it, so not reorder it.
    other = CoursePageFactory(parent=CourseIndexPageFactory(parent=course.get_parent().get_parent(), slug="autre"))
    Group.objects.get(name="Formateurs").page_permissions.filter(page=other.get_parent()).delete()
    steps = [LessonPageFactory(parent=other, title=f"Étape {n}") for n in (1, 2)]
    assert not other.permissions_for_user(user).can_reorder_children()

    response = move(client, steps[1], 0)

    assert response.status_code == 403
    assert titles(other) == ["Étape 1", "Étape 2"]


def test_unpublishing_a_course_offers_to_unpublish_its_steps_ticked(client, course):
    staff(client, "Modération", "moderation@example.org")
    html = client.get(reverse("wagtailadmin_pages:unpublish", args=(course.pk,))).content.decode()
    assert 'name="include_descendants"' in html
    checkbox = html[html.index('name="include_descendants"') :].split(">", 1)[0]
    assert "checked" in checkbox
    assert "3 étapes publiées" in html


def test_the_course_preview_lists_draft_steps_marked_as_drafts(home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Nouvelle formation")
    LessonPageFactory(parent=course, title="Première leçon en brouillon", live=False, estimated_minutes=12)
    QuizPageFactory(parent=course, title="Quiz en brouillon", live=False)

    response = course.make_preview_request()  # what the editor's preview panel renders

    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "Première leçon en brouillon" in html and "Quiz en brouillon" in html
    assert html.count("Brouillon\u00a0: pas encore visible des apprenants") == 2
    assert "pas encore de leçon" not in html
    assert "12\u00a0min" in html or "12 min" in html
