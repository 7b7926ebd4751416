"""A quiz started and not submitted reads "En cours" for the learner and for staff alike."""

import pytest
from django.contrib.auth.models import Group

from courses.models import LessonPage, QuizPage
from courses.progress import FAILED, IN_PROGRESS, NOT_STARTED, PASSED, course_progress, record_lesson_completion
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizAttemptFactory

pytestmark = pytest.mark.django_db


def open_attempt(user, quiz):
    return QuizAttemptFactory(user=user, quiz=quiz, submitted_at=None, score=None, passed=None)


def quiz_state(course, user):
    return course_progress(course, user=user).steps[-1].state


def test_quiz_states_follow_the_attempts(course):
    quiz = QuizPage.objects.child_of(course).get()
    user = UserFactory()
    assert quiz_state(course, user) == NOT_STARTED
    open_attempt(user, quiz)
    assert quiz_state(course, user) == IN_PROGRESS
    QuizAttemptFactory(user=user, quiz=quiz, score=0, passed=False)
    assert quiz_state(course, user) == IN_PROGRESS  # the open attempt is the one to finish
    other = UserFactory()
    QuizAttemptFactory(user=other, quiz=quiz, score=0, passed=False)
    assert quiz_state(course, other) == FAILED
    open_attempt(other, quiz)
    QuizAttemptFactory(user=other, quiz=quiz, score=100, passed=True)
    assert quiz_state(course, other) == PASSED  # once passed, always passed


def test_syllabus_shows_en_cours_for_a_quiz_left_half_done(client, course):
    quiz = QuizPage.objects.child_of(course).get()
    user = UserFactory()
    for lesson in LessonPage.objects.child_of(course):
        record_lesson_completion(user, lesson)
    open_attempt(user, quiz)
    client.force_login(user)
    html = client.get(course.url).content.decode()
    assert "En cours" in html
    assert course_progress(course, user=user).percent == 75  # not finished for all that


def test_staff_learners_report_shows_en_cours_too(client, course):
    quiz = QuizPage.objects.child_of(course).get()
    learner = UserFactory(first_name="Dora", last_name="Durand")
    open_attempt(learner, quiz)
    record_lesson_completion(learner, LessonPage.objects.child_of(course).first())
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Modération"))
    client.force_login(moderator)
    html = client.get(f"/admin/reports/formations/{course.pk}/apprenants/").content.decode()
    assert "Dora Durand" in html
    assert "En cours" in html
