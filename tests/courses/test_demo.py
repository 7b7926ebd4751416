"""The demo courses and the two demo learners."""

import pytest
from django.contrib.auth import get_user_model

from courses.demo import LEARNERS, create_learner_progress
from courses.models import Certificate, CoursePage, LessonPage, QuizAttempt, QuizPage

pytestmark = pytest.mark.django_db


def test_demo_has_four_courses_with_lessons_and_a_mixed_quiz(demo_content):
    courses = CoursePage.objects.live()
    assert courses.count() >= 4
    for course in courses:
        assert 3 <= LessonPage.objects.child_of(course).live().count() <= 5
        quiz = QuizPage.objects.child_of(course).live().get()
        kinds = list(quiz.questions.values_list("kind", flat=True))
        assert len(kinds) >= 6 and {"single", "multiple", "true_false"} <= set(kinds)


def test_demo_learners_have_progress_in_several_states_and_loading_twice_adds_nothing(demo_content):
    from django.core.management import call_command

    User = get_user_model()
    users = [User.objects.create_user(email=email, first_name=first, last_name=last) for email, first, last in LEARNERS]
    camille, yanis = users
    assert Certificate.objects.filter(enrollment__user=camille).count() == 1
    assert QuizAttempt.objects.filter(user=yanis, passed=False, submitted_at__isnull=False).exists()
    assert QuizAttempt.objects.filter(user=yanis, submitted_at__isnull=True).exists()
    counts = (QuizAttempt.objects.count(), Certificate.objects.count())
    for user in users:
        create_learner_progress(user)
    call_command("load_demo", "--no-users", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (QuizAttempt.objects.count(), Certificate.objects.count()) == counts
