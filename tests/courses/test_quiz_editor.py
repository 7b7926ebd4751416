"""The quiz page editor refuses invalid questions, with a message next to the question, saving nothing."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from courses.models import Choice, Question, QuizPage
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, QuizPageFactory, quiz_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    return CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page))


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(email="editrice@example.org", password="x")  # noqa: S106
    client.force_login(user)
    return client


def post_quiz(client, course, **kwargs):
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", course.pk))
    return client.post(url, quiz_form_data(**kwargs))


def question_errors(response):
    form = response.context["form"]
    return [question_form.errors.get("kind", []) for question_form in form.formsets["questions"].forms]


def test_valid_quiz_with_nested_questions_and_choices_is_saved(editor_client, course):
    response = post_quiz(
        editor_client,
        course,
        questions=[
            {"text": "Une seule ?", "kind": "single", "choices": [("A", True), ("B", False), ("C", False)]},
            {"text": "Plusieurs ?", "kind": "multiple", "choices": [("A", True), ("B", True), ("C", False)]},
            {
                "text": "Vrai ?",
                "kind": "true_false",
                "explanation": "Oui.",
                "choices": [("Vrai", True), ("Faux", False)],
            },
        ],
    )
    assert response.status_code == 302
    quiz = QuizPage.objects.get(slug="quiz-final")
    draft = quiz.get_latest_revision_as_object()
    assert [q.kind for q in draft.questions.all()] == ["single", "multiple", "true_false"]
    assert [c.text for c in draft.questions.all()[0].choices.all()] == ["A", "B", "C"]
    assert Question.objects.filter(quiz=quiz).count() == 3
    assert Choice.objects.filter(question__quiz=quiz, is_correct=True).count() == 4


def test_question_without_a_correct_choice_is_refused(editor_client, course):
    response = post_quiz(
        editor_client, course, questions=[{"text": "?", "kind": "multiple", "choices": [("A", False), ("B", False)]}]
    )
    assert response.status_code == 200
    assert "aucune réponse correcte" in str(question_errors(response)[0])
    assert not QuizPage.objects.exists()
    assert not Question.objects.exists()


def test_single_choice_question_with_two_correct_choices_is_refused(editor_client, course):
    response = post_quiz(
        editor_client, course, questions=[{"text": "?", "kind": "single", "choices": [("A", True), ("B", True)]}]
    )
    assert response.status_code == 200
    assert "exactement une bonne réponse ; 2 sont cochées" in str(question_errors(response)[0])
    assert not QuizPage.objects.exists()


def test_true_false_question_needs_exactly_two_choices_and_one_correct(editor_client, course):
    response = post_quiz(
        editor_client,
        course,
        questions=[
            {"text": "?", "kind": "true_false", "choices": [("Vrai", True), ("Faux", False), ("Peut-être", False)]},
            {"text": "?", "kind": "true_false", "choices": [("Vrai", True), ("Faux", True)]},
        ],
    )
    assert response.status_code == 200
    first, second = question_errors(response)
    assert "exactement deux réponses" in str(first)
    assert "exactement une bonne réponse" in str(second)
    assert not QuizPage.objects.exists()


def test_pass_mark_outside_0_100_is_refused_next_to_the_field(editor_client, course):
    response = post_quiz(editor_client, course, pass_mark=120)
    assert response.status_code == 200
    assert response.context["form"].errors["pass_mark"]
    assert not QuizPage.objects.exists()


def test_deleted_question_is_not_checked(editor_client, course):
    data = quiz_form_data(
        questions=[
            {"text": "Bonne", "kind": "single", "choices": [("A", True), ("B", False)]},
            {"text": "Mauvaise", "kind": "single", "choices": [("A", False), ("B", False)]},
        ]
    )
    data["questions-1-DELETE"] = "on"
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", course.pk))
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert list(Question.objects.values_list("text", flat=True)) == ["Bonne"]


def test_error_message_is_shown_in_the_editor(editor_client, course):
    response = post_quiz(
        editor_client, course, questions=[{"text": "?", "kind": "single", "choices": [("A", False), ("B", False)]}]
    )
    assert "Cochez la bonne réponse : cette question n’a aucune réponse correcte." in response.content.decode()


def test_publishing_a_quiz_without_questions_is_refused_with_a_clear_message(editor_client, course):
    data = quiz_form_data(questions=[])
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", course.pk))
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Un quiz a au moins une question : ajoutez-en une avant de publier." in response.content.decode()
    assert not QuizPage.objects.exists()


def test_publishing_a_question_with_a_single_answer_is_refused_with_a_clear_message(editor_client, course):
    data = quiz_form_data(questions=[{"text": "Seule ?", "kind": "single", "choices": [("Oui", True)]}])
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:add", args=("courses", "quizpage", course.pk))
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Une question a au moins deux réponses." in response.content.decode()
    assert not QuizPage.objects.exists()


def test_quiz_editor_add_buttons_read_naturally(editor_client, course):
    quiz = QuizPageFactory(parent=course)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    soup = WagtailTestUtils.get_soup(html)
    buttons = {button["id"]: " ".join(button.get_text().split()) for button in soup.select("button[id$='-ADD']")}
    assert buttons["id_questions-ADD"] == "Ajouter une question"
    assert buttons["id_questions-0-choices-ADD"] == "Ajouter une réponse"
    assert "Ajouter un(e)" not in html
