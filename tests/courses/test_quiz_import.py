"""Trainers paste a list of questions (Aiken format) into a quiz: a preview with line-numbered errors
first, then the questions are added to the quiz's draft, never to the published quiz directly."""

import pytest
from django.contrib.auth.models import Group, Permission

from courses import aiken
from courses.models import Question, QuizPage
from tests.factories.accounts import UserFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, QuizPageFactory

pytestmark = pytest.mark.django_db

PASTED = """Quel est le rôle d'un texte alternatif ?
A. Décorer l'image
B. Décrire l'image à qui ne la voit pas
C) Améliorer le référencement seulement
ANSWER: B
EXPLICATION : Les lecteurs d'écran le lisent à voix haute.

Quels éléments doivent avoir un libellé
visible ?
A. Les champs de formulaire
B. Les boutons
C. Les paragraphes
ANSWER: A, B

Un lien « cliquez ici » suffit.
A. Vrai
B. Faux
RÉPONSE : B
"""


@pytest.fixture
def quiz(home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page))
    return QuizPageFactory(parent=course, title="Quiz accessibilité")


@pytest.fixture
def trainer_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Formateurs"))
    client.force_login(user)
    return client


def url(quiz):
    return f"/admin/formations/quiz/{quiz.pk}/coller/"


def test_the_parser_reads_single_multiple_and_true_false_questions():
    questions, errors = aiken.parse(PASTED)
    assert errors == []
    assert [q.kind for q in questions] == ["single", "multiple", "true_false"]
    assert questions[0].choices == [
        ("Décorer l'image", False),
        ("Décrire l'image à qui ne la voit pas", True),
        ("Améliorer le référencement seulement", False),
    ]
    assert questions[0].explanation == "Les lecteurs d'écran le lisent à voix haute."
    assert questions[1].text == "Quels éléments doivent avoir un libellé visible ?"
    assert [correct for _text, correct in questions[1].choices] == [True, True, False]
    assert questions[2].line == 15


def test_the_parser_names_the_line_of_each_mistake_in_french():
    text = "Question sans réponse\nA. Oui\nC. Non\n\nDeuxième question ?\nA. Un\nB. Deux\nANSWER: E\n\nA. Seule\n"
    questions, errors = aiken.parse(text)
    assert questions == []
    messages = [(error.line, error.message) for error in errors]
    assert (3, "La réponse C vient là où B était attendue.") in messages
    assert (3, "La ligne «\u00a0ANSWER:\u00a0» qui donne la bonne lettre manque.") in messages
    assert (8, "«\u00a0ANSWER:\u00a0» doit donner la lettre d’une réponse ci-dessus (A, B).") in messages
    assert any(line == 10 for line, _message in messages)
    assert [line for line, _message in messages] == sorted(line for line, _message in messages)


def test_the_quiz_editor_offers_to_paste_questions(trainer_client, quiz):
    html = trainer_client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
    assert url(quiz) in html
    assert "Coller des questions" in html


def test_preview_shows_the_questions_and_saves_nothing(trainer_client, quiz):
    response = trainer_client.post(url(quiz), {"text": PASTED, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 questions prêtes à ajouter" in html
    assert "Décrire l&#x27;image à qui ne la voit pas <strong>(bonne réponse)</strong>" in html
    assert 'name="confirm"' in html
    assert Question.objects.filter(quiz=quiz).count() == 2
    assert QuizPage.objects.get(pk=quiz.pk).latest_revision_id == quiz.latest_revision_id


def test_confirming_adds_the_questions_after_the_others_in_a_new_draft(trainer_client, quiz):
    response = trainer_client.post(url(quiz), {"text": PASTED, "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{quiz.pk}/edit/"

    quiz.refresh_from_db()
    assert quiz.has_unpublished_changes
    # The published quiz is unchanged until someone publishes the draft.
    assert Question.objects.filter(quiz=quiz).count() == 2
    draft = quiz.get_latest_revision_as_object()
    texts = [question.text for question in draft.questions.all()]
    assert len(texts) == 5 and texts[2] == "Quel est le rôle d'un texte alternatif ?"
    multiple = list(draft.questions.all())[3]
    assert multiple.kind == "multiple"
    assert [choice.is_correct for choice in multiple.choices.all()] == [True, True, False]

    edit = trainer_client.get(response["Location"]).content.decode()
    assert "3 questions ajoutées au brouillon du quiz" in edit
    assert "Quels éléments doivent avoir un libellé visible ?" in edit


def test_mistakes_are_listed_by_line_and_the_pasted_text_is_kept(trainer_client, quiz):
    text = "Question ?\nA. Oui\nB. Non\nANSWER: C"
    response = trainer_client.post(url(quiz), {"text": text, "confirm": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rien n’a été ajouté" in html
    assert "Ligne 4" in html
    assert "Question ?\nA. Oui\nB. Non\nANSWER: C</textarea>" in html
    assert not quiz.get_latest_revision_as_object().questions.filter(text="Question ?").exists()
    quiz.refresh_from_db()
    assert not quiz.has_unpublished_changes


def test_an_empty_paste_gets_a_message(trainer_client, quiz):
    response = trainer_client.post(url(quiz), {"text": "   \n\n", "preview": "1"})
    assert "Collez au moins une question." in response.content.decode()


def test_only_people_who_may_edit_the_quiz_can_paste(client, quiz):
    assert client.get(url(quiz)).status_code == 302
    # Someone who may open the admin but not edit this quiz.
    admin_only, _ = Group.objects.get_or_create(name="Accès à l’administration seulement")
    admin_only.permissions.add(Permission.objects.get(codename="access_admin"))
    visitor = UserFactory(is_staff=True)
    visitor.groups.add(admin_only)
    client.force_login(visitor)
    # Wagtail's admin answers a refused permission with the dashboard and a message.
    refused = client.post(url(quiz), {"text": PASTED, "confirm": "1"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.get("/admin/formations/quiz/999999/coller/").status_code == 404
    quiz.refresh_from_db()
    assert not quiz.has_unpublished_changes


def test_a_locked_quiz_is_previewed_but_not_changed(trainer_client, quiz):
    other = UserFactory(is_staff=True, is_superuser=True)
    QuizPage.objects.filter(pk=quiz.pk).update(locked=True, locked_by=other)
    response = trainer_client.post(url(quiz), {"text": PASTED, "confirm": "1"})
    assert response.status_code == 200
    assert 'name="confirm"' not in response.content.decode()
    quiz.refresh_from_db()
    assert not quiz.has_unpublished_changes
