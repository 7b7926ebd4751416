import pytest
from django.db import IntegrityError, transaction
from wagtail.models import Page

from courses.models import Certificate, CoursePage, LessonPage, QuizAttempt, QuizPage
from courses.signals import course_completed
from tests.factories.accounts import UserFactory
from tests.factories.courses import (
    CertificateFactory,
    EnrollmentFactory,
    LessonCompletionFactory,
    LessonPageFactory,
    QuizAttemptFactory,
)

pytestmark = pytest.mark.django_db


def test_course_steps_are_its_published_lessons_and_quizzes_in_tree_order(course):
    steps = course.get_steps()
    assert [type(step) for step in steps] == [LessonPage, LessonPage, LessonPage, QuizPage]
    assert [step.path for step in steps] == sorted(step.path for step in steps)
    assert [q.kind for q in steps[-1].questions.all()] == ["single", "true_false"]
    assert steps[-1].questions.first().choices.filter(is_correct=True).count() == 1


def test_course_duration_is_the_sum_of_published_steps(course):
    assert course.duration_minutes == 3 * 10 + 5


def test_course_duration_follows_unpublish_publish_and_delete_of_a_step(course):
    lesson = course.get_steps()[0]
    lesson.unpublish()
    course.refresh_from_db()
    assert course.duration_minutes == 25

    lesson.estimated_minutes = 40
    lesson.save_revision().publish()
    course.refresh_from_db()
    assert course.duration_minutes == 65

    Page.objects.get(pk=lesson.pk).delete()
    course.refresh_from_db()
    assert course.duration_minutes == 25


def test_course_duration_follows_a_step_moved_to_another_course(course, course_index):
    from tests.factories.courses import CoursePageFactory

    other = CoursePageFactory(parent=course_index)
    lesson = course.get_steps()[0]
    lesson.move(other, pos="last-child")
    course.refresh_from_db()
    other.refresh_from_db()
    assert course.duration_minutes == 25
    assert other.duration_minutes == 10


def test_duration_is_not_editable_by_editors():
    assert not CoursePage._meta.get_field("duration_minutes").editable


def test_a_learner_is_enrolled_once_per_course(course):
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrollmentFactory.create(user=user, course=course)


def test_a_lesson_is_completed_once_per_learner(course):
    user = UserFactory()
    lesson = LessonPage.objects.child_of(course).first()
    LessonCompletionFactory(user=user, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletionFactory.create(user=user, lesson=lesson)


def test_only_one_unsubmitted_attempt_per_learner_and_quiz(course):
    user = UserFactory()
    quiz = QuizPage.objects.child_of(course).get()
    QuizAttemptFactory(user=user, quiz=quiz)  # submitted
    QuizAttemptFactory(user=user, quiz=quiz)  # submitted
    QuizAttempt.objects.create(user=user, quiz=quiz)  # open
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(user=user, quiz=quiz)


def test_certificate_codes_are_long_random_and_unique(course):
    certificates = [
        CertificateFactory(enrollment=EnrollmentFactory(user=UserFactory(), course=course)) for _ in range(5)
    ]
    codes = {c.code for c in certificates}
    assert len(codes) == 5
    assert all(len(code) == 12 and code.isalnum() for code in codes)
    assert Certificate.objects.get(code=certificates[0].code).course_title == course.title


def test_course_completed_signal_exists_with_enrollment_argument(course):
    received = []

    def receiver(sender, enrollment, **kwargs):
        received.append(enrollment)

    course_completed.connect(receiver)
    try:
        enrollment = EnrollmentFactory(user=UserFactory(), course=course)
        course_completed.send(sender=type(enrollment), enrollment=enrollment)
    finally:
        course_completed.disconnect(receiver)
    assert received == [enrollment]


def test_lesson_factory_body_uses_real_lesson_blocks(course):
    lesson = LessonPageFactory(parent=course)
    assert [block.block_type for block in lesson.body] == ["heading", "paragraph", "key_takeaways", "checklist"]
