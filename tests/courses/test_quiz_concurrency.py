"""Simultaneous submits of the same attempt (PostgreSQL only: SQLite serialises writers)."""

import threading

import pytest
from django.db import connection

from courses.models import QuizAttempt
from courses.quiz import QuizError, save_answer, start_attempt, submit_attempt
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizPageFactory, build_course


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_submits_score_the_attempt_once_without_error(course_index):
    course = build_course(course_index, lessons=0, quizzes=0)
    quiz = QuizPageFactory(parent=course)
    user = UserFactory()
    attempt, _created = start_attempt(user, quiz)
    for question in quiz.questions.prefetch_related("choices"):
        save_answer(attempt, question, [next(c.pk for c in question.choices.all() if c.is_correct)])

    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def submit():
        try:
            barrier.wait()
            mine = QuizAttempt.objects.get(pk=attempt.pk)
            try:
                submit_attempt(mine, quiz)
                outcomes.append("scored")
            except QuizError as error:
                outcomes.append(str(error.message))
        except Exception as error:  # noqa: BLE001 - any other error fails the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert outcomes.count("scored") == 1
    assert len(outcomes) == 4
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    assert QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False).count() == 1
