"""A whole course built and published through the admin's HTTP forms, as a member of "Modération" does
it: the course, two lessons with blocks, and a quiz with nested questions and choices."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import Choice, CoursePage, LessonPage, QuizPage
from tests.factories.courses import CourseIndexPageFactory, quiz_form_data

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}


@pytest.fixture
def moderator_client(client):
    user = get_user_model().objects.create_user(email="moderation@example.org", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Modération"))
    client.force_login(user)
    return client


def add(client, model, parent, data):
    url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
    response = client.post(url, data | PUBLISH)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return model.objects.get(slug=data["slug"])


def test_course_with_lessons_and_quiz_is_built_and_published_through_the_admin(moderator_client, home_page):
    catalogue = CourseIndexPageFactory(parent=home_page)
    course = add(
        moderator_client,
        CoursePage,
        catalogue,
        nested_form_data(
            {
                "title": "Animer une réunion en visio",
                "slug": "reunion-visio",
                "summary": "Préparer, animer et conclure une réunion à distance.",
                "level": "beginner",
                "objectives": "Préparer un ordre du jour\nDonner la parole à chacun",
                "issues_certificate": "on",
            }
        ),
    )
    for number, minutes in ((1, 8), (2, 12)):
        add(
            moderator_client,
            LessonPage,
            course,
            nested_form_data(
                {
                    "title": f"Leçon {number}",
                    "slug": f"lecon-{number}",
                    "estimated_minutes": minutes,
                    "body": streamfield(
                        [
                            ("heading", {"text": f"Partie {number}", "level": "h2"}),
                            ("paragraph", rich_text(f"<p>Le contenu de la leçon {number}.</p>")),
                        ]
                    ),
                }
            ),
        )
    quiz = add(
        moderator_client,
        QuizPage,
        course,
        quiz_form_data(
            title="Quiz final",
            slug="quiz-final",
            estimated_minutes=5,
            questions=[
                {"text": "Durée idéale ?", "kind": "single", "choices": [("Une heure", True), ("Trois heures", False)]},
                {
                    "text": "À préparer ?",
                    "kind": "multiple",
                    "choices": [("L'ordre du jour", True), ("Le lien", True), ("Rien", False)],
                },
                {"text": "Couper son micro ?", "kind": "true_false", "choices": [("Vrai", True), ("Faux", False)]},
            ],
        ),
    )

    course.refresh_from_db()
    assert course.live and course.issues_certificate
    assert [step.title for step in course.get_steps()] == ["Leçon 1", "Leçon 2", "Quiz final"]
    assert all(step.live for step in course.get_steps())
    assert course.duration_minutes == 8 + 12 + 5
    assert [question.kind for question in quiz.questions.all()] == ["single", "multiple", "true_false"]
    assert Choice.objects.filter(question__quiz=quiz, is_correct=True).count() == 4
    lesson = LessonPage.objects.get(slug="lecon-1")
    assert [block.block_type for block in lesson.body] == ["heading", "paragraph"]

    visitor = Client()
    html = visitor.get(course.url).content.decode()
    for title in ("Leçon 1", "Leçon 2", "Quiz final"):
        assert title in html
    assert "Le contenu de la leçon 1." in visitor.get(lesson.url).content.decode()
    assert visitor.get(quiz.url).status_code == 200


def test_the_admin_lists_a_course_steps_in_the_order_learners_follow_them(moderator_client, home_page):
    from tests.factories.courses import CoursePageFactory, LessonPageFactory, QuizPageFactory

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Les bases du web")
    steps = [
        LessonPageFactory(parent=course, title="Première étape : le nom de domaine"),
        LessonPageFactory(parent=course, title="Deuxième étape : l’hébergement"),
        QuizPageFactory(parent=course, title="Quiz final des bases"),
    ]
    for step in steps:  # built step by step: the last one is the latest edited
        step.save_revision().publish()

    html = moderator_client.get(reverse("wagtailadmin_explore", args=(course.pk,))).content.decode()

    positions = [html.index(title) for title in ("Première étape", "Deuxième étape", "Quiz final des bases")]
    assert positions == sorted(positions)
