"""Lesson feedback: "Cette leçon vous a-t-elle aidé ?", one changeable answer per learner, read by staff."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from courses.feedback import save_feedback
from courses.models import LessonFeedback, LessonPage
from courses.personal_data import erase_courses, export_courses
from tests.factories.accounts import UserFactory
from tests.factories.courses import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course):
    return LessonPage.objects.child_of(course).order_by("path").first()


def answer(client, lesson, **data):
    return client.post(reverse("courses:lesson_feedback", kwargs={"lesson_id": lesson.pk}), data)


def test_a_learner_answers_under_the_lesson_and_can_change_their_answer(client, lesson):
    learner = UserFactory()
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert "Cette leçon vous a-t-elle aidé" in page
    response = answer(client, lesson, helpful="no", comment="Il manque un exemple concret.")
    assert response.status_code == 302 and response["Location"].endswith("#lesson-feedback")
    answer(client, lesson, helpful="yes", comment="Finalement, très clair.")
    feedback = LessonFeedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (True, "Finalement, très clair.")
    page = client.get(lesson.url).content.decode()
    assert "Vous avez répondu « Oui »" in page
    assert "Finalement, très clair." in page


def test_visitors_see_no_feedback_form_and_cannot_post(client, lesson):
    assert "Cette leçon vous a-t-elle aidé" not in client.get(lesson.url).content.decode()
    assert answer(client, lesson, helpful="yes").status_code == 302  # to the log-in page
    assert not LessonFeedback.objects.exists()


def test_a_missing_answer_is_explained_and_the_comment_kept(client, lesson):
    client.force_login(UserFactory())
    answer(client, lesson, comment="Je ne sais pas quoi cocher")
    page = client.get(lesson.url).content.decode()
    assert "Choisissez « Oui » ou « Non »" in page
    assert "Je ne sais pas quoi cocher" in page
    assert not LessonFeedback.objects.exists()


def test_get_never_writes_and_unknown_lessons_are_404(client, lesson):
    client.force_login(UserFactory())
    assert client.get(reverse("courses:lesson_feedback", kwargs={"lesson_id": lesson.pk})).status_code == 405
    assert answer(client, type("L", (), {"pk": 999999})(), helpful="yes").status_code == 404


def test_staff_read_counts_and_comments_without_names(client, course, lesson):
    for helpful, comment in [(True, ""), (True, "Super"), (False, "Trop long")]:
        save_feedback(UserFactory(first_name="Secret"), lesson, helpful, comment)
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Modération"))
    client.force_login(moderator)
    listing = client.get("/admin/reports/formations/lecons/avis/").content.decode()
    assert lesson.title in listing and "67 %" in listing
    comments = client.get(f"/admin/reports/formations/lecons/{lesson.pk}/avis/").content.decode()
    assert "Trop long" in comments and "Super" in comments
    assert "Secret" not in comments
    export = client.get("/admin/reports/formations/lecons/avis/?export=csv")
    assert export.status_code == 200 and lesson.title in b"".join(export.streaming_content).decode("utf-8-sig")
    dashboard = client.get("/admin/").content.decode()
    assert "Les leçons les moins utiles" in dashboard


def test_feedback_reports_are_forbidden_without_the_report_permission(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    assert client.get("/admin/reports/formations/lecons/avis/").status_code == 403
    assert client.get("/admin/reports/formations/lecons/999999/avis/").status_code == 403


def test_comments_of_an_unknown_lesson_are_404_for_staff(client):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Modération"))
    client.force_login(moderator)
    assert client.get("/admin/reports/formations/lecons/999999/avis/").status_code == 404


def test_deleting_an_account_keeps_the_counts_but_not_the_person_nor_the_comment(lesson):
    learner = UserFactory()
    save_feedback(learner, lesson, False, "Mon association s’appelle Les Amis du Quartier")
    assert export_courses(learner)["lesson_feedback"][0]["comment"].startswith("Mon association")
    erase_courses(learner)
    learner.delete()
    feedback = LessonFeedback.objects.get()
    assert (feedback.user, feedback.helpful, feedback.comment) == (None, False, "")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_double_submits_keep_one_answer(course_index):
    course = build_course(course_index, lessons=1, quizzes=0)
    lesson = LessonPage.objects.child_of(course).get()
    learner = UserFactory()
    barrier = threading.Barrier(4)
    errors = []

    def submit(helpful):
        try:
            barrier.wait()
            save_feedback(learner, lesson, helpful, "")
        except Exception as error:  # noqa: BLE001 - any error fails the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(index % 2 == 0,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert LessonFeedback.objects.filter(user=learner, lesson=lesson).count() == 1
