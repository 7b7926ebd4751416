"""Dozens of simultaneous requests of one learner, through HTTP, on PostgreSQL (SQLite serialises writers).

Each thread has its own test client sharing the learner's session (like a double click, several tabs or a
flaky connection replaying a POST) and its own database connection, closed at the end. All threads
wait at a barrier so their requests really overlap. Whatever the interleaving: exact counts, one
record each, and every answer a normal page (no server error, no error page).

Already covered elsewhere, so not repeated here: simultaneous manifesto signatures of one address and
simultaneous confirmations (tests/manifesto/test_cache_and_concurrency.py), and ``submit_attempt``
called from several threads (tests/courses/test_quiz_concurrency.py). The quiz tests below go through
the HTTP views (start, submit) with many more requests.
"""

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from .conftest import build_small_site, ensure_home_page, get_model_or_none

THREADS = 25

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(open_forms):
    if get_model_or_none("courses.LessonCompletion") is None:
        pytest.fail("no courses yet")
    return build_small_site(ensure_home_page())


@pytest.fixture
def learner(db):
    from tests.factories.accounts import UserFactory

    return UserFactory(email="simultane@example.org", first_name="Sam", last_name="Simultané")


def logged_in_cookies(user):
    client = Client()
    client.force_login(user)
    return client.cookies


def hammer(cookies, method, url, data=None, threads=THREADS):
    """``threads`` clients sharing ``cookies`` send the same request at the same moment.

    Returns the responses; any exception a view let escape is re-raised here. Fails when the requests
    did not overlap (the test would then prove nothing about concurrency)."""
    barrier = threading.Barrier(threads)
    spans = []

    def one(_n):
        try:
            client = Client()
            client.cookies = cookies.__class__(cookies)  # a copy: same session, own cookie jar
            barrier.wait(timeout=30)
            started = time.monotonic()
            response = getattr(client, method)(url, data or {})
            spans.append((started, time.monotonic()))
            return response
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        responses = list(pool.map(one, range(threads)))
    spans.sort()
    overlapping = sum(1 for (_s, end), (next_start, _e) in itertools.pairwise(spans) if next_start < end)
    assert overlapping >= threads // 2, f"only {overlapping} of {threads} requests overlapped"
    return responses


def assert_normal_pages(responses, allowed=(302,)):
    statuses = [response.status_code for response in responses]
    assert all(status in allowed for status in statuses), statuses


# --- lessons ---------------------------------------------------------------------------------------


def test_simultaneous_lesson_done_of_one_learner_records_one_completion_and_no_error(site, learner):
    from courses.models import Enrollment, LessonCompletion

    responses = hammer(logged_in_cookies(learner), "post", site.lesson.url + "terminer/")
    assert_normal_pages(responses)
    # Every request goes where a single one would: the next step.
    assert len({response["Location"] for response in responses}) == 1
    assert LessonCompletion.objects.filter(user=learner, lesson=site.lesson).count() == 1
    assert Enrollment.objects.filter(user=learner, course=site.course).count() == 1


def test_simultaneous_completion_of_the_last_step_issues_one_certificate(site, learner):
    from courses.models import Certificate, Enrollment, LessonCompletion, LessonPage
    from tests.factories.courses import QuizAttemptFactory

    lessons = list(LessonPage.objects.child_of(site.course).live().order_by("path"))
    for lesson in lessons[:-1]:
        LessonCompletion.objects.create(user=learner, lesson=lesson)
    QuizAttemptFactory(user=learner, quiz=site.quiz, score=100, passed=True)
    last = lessons[-1]

    responses = hammer(logged_in_cookies(learner), "post", last.url + "terminer/")
    assert_normal_pages(responses)
    assert LessonCompletion.objects.filter(user=learner, lesson=last).count() == 1
    enrollment = Enrollment.objects.get(user=learner, course=site.course)
    assert enrollment.completed_at is not None
    if site.course.issues_certificate:
        assert Certificate.objects.filter(enrollment=enrollment).count() == 1


# --- quizzes ---------------------------------------------------------------------------------------


def test_simultaneous_quiz_starts_open_one_attempt_and_no_error(site, learner):
    from courses.models import QuizAttempt

    responses = hammer(logged_in_cookies(learner), "post", site.quiz.url + "commencer/")
    assert_normal_pages(responses)
    assert QuizAttempt.objects.filter(user=learner, quiz=site.quiz).count() == 1
    assert len({response["Location"] for response in responses}) == 1  # all on the same first question


def test_simultaneous_submits_of_one_quiz_attempt_score_it_once_and_show_the_result(site, learner):
    from courses.models import Certificate, LessonCompletion, LessonPage, QuizAttempt
    from courses.quiz import save_answer, start_attempt

    for lesson in LessonPage.objects.child_of(site.course):
        LessonCompletion.objects.create(user=learner, lesson=lesson)
    attempt, _created = start_attempt(learner, site.quiz)
    for question in site.quiz.questions.prefetch_related("choices"):
        save_answer(attempt, question, [next(c.pk for c in question.choices.all() if c.is_correct)])
    review = site.quiz.url + site.quiz.reverse_subpage("quiz_review", args=(attempt.pk,))
    result = site.quiz.url + site.quiz.reverse_subpage("quiz_result", args=(attempt.pk,))

    responses = hammer(logged_in_cookies(learner), "post", review)
    assert_normal_pages(responses)
    # The one submission that scores the attempt and completes the course leads to the attestation's
    # celebration page; every other one shows the result of the attempt.
    locations = [response["Location"] for response in responses]
    celebrations = [location for location in locations if location.endswith("/felicitations/")]
    assert len(celebrations) <= 1
    assert set(locations) - set(celebrations) == {result}
    scored = QuizAttempt.objects.filter(user=learner, quiz=site.quiz, submitted_at__isnull=False)
    assert scored.count() == 1
    assert QuizAttempt.objects.filter(user=learner, quiz=site.quiz).count() == 1
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    if site.course.issues_certificate:
        assert Certificate.objects.filter(enrollment__user=learner, enrollment__course=site.course).count() == 1
    # And the result page the learners land on is a normal page.
    client = Client()
    client.force_login(learner)
    assert client.get(result).status_code == 200


def test_simultaneous_answers_to_one_question_keep_one_valid_answer(site, learner):
    from courses.models import QuizAttempt
    from courses.quiz import start_attempt

    attempt, _created = start_attempt(learner, site.quiz)
    first = site.quiz.questions.order_by("sort_order", "pk").prefetch_related("choices").first()
    choice_ids = [choice.pk for choice in first.choices.all()]
    number = [int(pk) for pk in attempt.question_order].index(first.pk) + 1
    url = site.quiz.url + site.quiz.reverse_subpage("quiz_question", args=(attempt.pk, number))

    responses = hammer(logged_in_cookies(learner), "post", url, {"choice": str(choice_ids[0])})
    assert_normal_pages(responses)
    attempt = QuizAttempt.objects.get(pk=attempt.pk)
    assert attempt.answers == {str(first.pk): [choice_ids[0]]}
    assert attempt.submitted_at is None
