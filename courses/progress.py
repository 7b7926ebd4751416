"""Where a learner stands in a course, computed in a fixed number of queries.

A step is a published ``LessonPage`` or ``QuizPage`` child of the course, in tree order. A lesson is
*done* when the learner marked it so; a quiz is *passed* when any submitted attempt passed (the best
attempt counts), *failed* when attempts were submitted and none passed. A course is complete when
every lesson is done and every quiz passed.

Anonymous visitors' completed lessons are kept in the session (see :mod:`courses.session_progress`)
and count here too.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import CoursePage, Enrollment, LessonCompletion, LessonPage, QuizAttempt, QuizPage
from .signals import course_completed

NOT_STARTED = "not_started"
DONE = "done"
PASSED = "passed"
FAILED = "failed"
IN_PROGRESS = "in_progress"  # a quiz with an attempt started and not submitted, never passed

STATE_LABELS = {
    NOT_STARTED: _("Not started"),
    DONE: _("Done"),
    PASSED: _("Passed"),
    FAILED: _("Failed"),
    IN_PROGRESS: _("In progress"),
}

SESSION_KEY = "courses_completed_lessons"


@dataclass
class Step:
    page: Page
    number: int
    is_quiz: bool
    state: str = NOT_STARTED

    @property
    def is_finished(self):
        return self.state in (DONE, PASSED)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass
class CourseProgress:
    course: CoursePage
    steps: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.steps)

    @property
    def finished_count(self):
        return sum(1 for step in self.steps if step.is_finished)

    @property
    def percent(self):
        return round(100 * self.finished_count / self.total) if self.total else 0

    @property
    def is_complete(self):
        return bool(self.steps) and all(step.is_finished for step in self.steps)

    @property
    def has_started(self):
        return any(step.state != NOT_STARTED for step in self.steps)

    @property
    def unfinished(self):
        """The steps still to finish, in course order."""
        return [step for step in self.steps if not step.is_finished]

    @property
    def first_unfinished(self):
        """The step to resume: the first one not done / not passed (``None`` when all are)."""
        return next((step for step in self.steps if not step.is_finished), None)

    def step_for(self, page):
        return next((step for step in self.steps if step.page.pk == page.pk), None)

    def neighbours(self, page):
        """(previous step, next step) around ``page``, either may be ``None``."""
        for index, step in enumerate(self.steps):
            if step.page.pk == page.pk:
                previous = self.steps[index - 1] if index > 0 else None
                following = self.steps[index + 1] if index + 1 < len(self.steps) else None
                return previous, following
        return None, None


def session_lesson_ids(session):
    if session is None:
        return set()
    raw = session.get(SESSION_KEY, [])
    return {value for value in raw if isinstance(value, int)} if isinstance(raw, list) else set()


def _is_learner(user):
    return user is not None and user.is_authenticated


def quiz_attempt_rows(attempts, *group_by):
    """``attempts`` grouped by ``group_by`` with what a quiz's state needs (see ``quiz_state``) and
    the best submitted score: the learner pages and the staff reports read states the same way."""
    submitted = Q(submitted_at__isnull=False)
    return attempts.values(*group_by).annotate(
        passes=Count("id", filter=submitted & Q(passed=True)),
        submitted=Count("id", filter=submitted),
        open=Count("id", filter=Q(submitted_at__isnull=True)),
        best=Max("score", filter=submitted),
    )


def quiz_state(row):
    """A quiz's state from its row of ``quiz_attempt_rows`` (None: no attempt): passed once passed;
    in progress while an attempt is open; failed when every submitted attempt failed."""
    if row is None:
        return NOT_STARTED
    if row["passes"]:
        return PASSED
    if row["open"]:
        return IN_PROGRESS
    return FAILED if row["submitted"] else NOT_STARTED


def _states(user, session, lesson_ids, quiz_ids):
    """(done lesson ids, {quiz id: state}): two queries for a learner, none otherwise."""
    done = set(session_lesson_ids(session)) & set(lesson_ids)
    quiz_states = {}
    if _is_learner(user):
        if lesson_ids:
            done |= set(
                LessonCompletion.objects.filter(user=user, lesson_id__in=lesson_ids).values_list("lesson_id", flat=True)
            )
        if quiz_ids:
            rows = quiz_attempt_rows(QuizAttempt.objects.filter(user=user, quiz_id__in=quiz_ids), "quiz_id")
            quiz_states = {row["quiz_id"]: quiz_state(row) for row in rows}
    return done, quiz_states


def course_progress(course, user=None, session=None, steps=None):
    """The progress of ``user`` (or of the session's visitor) in ``course``.

    Queries: 3 for the steps (unless ``steps`` is given) + 2 for a logged-in learner.
    """
    if steps is None:
        steps = course.get_steps()
    lesson_ids = [page.pk for page in steps if isinstance(page, LessonPage)]
    quiz_ids = [page.pk for page in steps if isinstance(page, QuizPage)]
    done, quiz_states = _states(user, session, lesson_ids, quiz_ids)
    progress = CourseProgress(course=course)
    for number, page in enumerate(steps, start=1):
        is_quiz = isinstance(page, QuizPage)
        lesson_state = DONE if page.pk in done else NOT_STARTED
        state = quiz_states.get(page.pk, NOT_STARTED) if is_quiz else lesson_state
        progress.steps.append(Step(page=page, number=number, is_quiz=is_quiz, state=state))
    return progress


def percent_by_course(courses, user=None, session=None):
    """``{course id: (finished steps, total steps)}`` for many courses in at most 3 queries."""
    courses = list(courses)
    if not courses:
        return {}
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    quiz_type = ContentType.objects.get_for_model(QuizPage)
    prefix_filter = Q()
    for course in courses:
        prefix_filter |= Q(path__startswith=course.path, depth=course.depth + 1)
    rows = (
        Page.objects.live()
        .filter(prefix_filter, content_type__in=[lesson_type, quiz_type])
        .values_list("pk", "path", "content_type_id")
    )
    by_path = {course.path: course.pk for course in courses}
    steps_of = {course.pk: [] for course in courses}
    lesson_ids, quiz_ids = [], []
    for pk, step_path, content_type_id in rows:
        course_id = by_path.get(step_path[: -Page.steplen])
        if course_id is None:
            continue
        steps_of[course_id].append(pk)
        (quiz_ids if content_type_id == quiz_type.pk else lesson_ids).append(pk)
    done, quiz_states = _states(user, session, lesson_ids, quiz_ids)
    finished = done | {pk for pk, state in quiz_states.items() if state == PASSED}
    return {
        course_id: (sum(1 for pk in step_ids if pk in finished), len(step_ids))
        for course_id, step_ids in steps_of.items()
    }


def ensure_enrollment(user, course):
    enrollment, _created = Enrollment.objects.get_or_create(user=user, course_id=course.pk)
    return enrollment


def check_course_completion(user, course):
    """Mark the enrollment complete (once) when every step is finished; sends ``course_completed``.

    Returns ``True`` when the course is complete (now or before).
    """
    if not _is_learner(user):
        return False
    progress = course_progress(course, user=user)
    if not progress.is_complete:
        return False
    enrollment = ensure_enrollment(user, course)
    if enrollment.completed_at is not None:
        return True
    with transaction.atomic():
        now = timezone.now()
        updated = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(completed_at=now)
        if updated:
            enrollment.completed_at = now
            # Sent inside the transaction: the certificate is issued with the completion, or neither is.
            course_completed.send(sender=Enrollment, enrollment=enrollment)
    return True


def record_lesson_completion(user, lesson):
    """Record that ``user`` finished ``lesson``; enrolls them and checks the course. Idempotent.

    Returns ``True`` when the lesson was not done before.
    """
    _completion, created = LessonCompletion.objects.get_or_create(user=user, lesson=lesson)
    course = lesson.get_parent().specific
    if isinstance(course, CoursePage):
        ensure_enrollment(user, course)
        check_course_completion(user, course)
    return created
