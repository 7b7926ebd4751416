"""The next step on the way to the attestation: the one primary button of the course page, the quiz
result, "Mes formations" and the home page's "Reprendre" card (docs/learner-journey.md).

Every screen words it the same way, « Encore 1 étape : Publier régulièrement, 12 min → », through
:func:`next_step_label`; the many-courses variant (:func:`next_steps_by_course`) keeps "Mes formations"
at a fixed number of queries whatever the number of courses.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import ngettext
from wagtail.models import Page

from .models import Enrollment, LessonPage, QuizPage
from .progress import PASSED, _states, course_progress
from .templatetags.courses_tags import duration


def next_step_label(page, remaining):
    """« Encore 2 étapes : Publier régulièrement, 12 min » (the duration left out when unknown); templates
    add the arrow, hidden from screen readers."""
    minutes = getattr(page, "estimated_minutes", 0) or 0
    # "12 min" never splits across two lines of the button.
    values = {"count": remaining, "title": page.title, "duration": duration(minutes).replace(" ", "\u00a0")}
    if minutes:
        return (
            ngettext(
                "%(count)s step left: %(title)s, %(duration)s",
                "%(count)s steps left: %(title)s, %(duration)s",
                remaining,
            )
            % values
        )
    return ngettext("%(count)s step left: %(title)s", "%(count)s steps left: %(title)s", remaining) % values


@dataclass
class NextStep:
    """What is left in one course: the step to take now, and how many steps remain (it included)."""

    course: Page
    page: Page
    remaining: int
    finished: int
    total: int

    @property
    def label(self):
        return next_step_label(self.page, self.remaining)

    @property
    def is_quiz(self):
        return isinstance(self.page, QuizPage)

    @property
    def percent(self):
        return round(100 * self.finished / self.total) if self.total else 0


def next_step_of(progress):
    """The :class:`NextStep` of a ``CourseProgress`` (``None`` when the course is complete or empty)."""
    step = progress.first_unfinished
    if step is None:
        return None
    return NextStep(
        course=progress.course,
        page=step.page,
        remaining=len(progress.unfinished),
        finished=progress.finished_count,
        total=progress.total,
    )


def next_steps_by_course(courses, user):
    """``{course id: NextStep}`` for the courses ``user`` has not finished, in at most 5 queries."""
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
        .order_by("path")
        .values_list("pk", "path", "content_type_id")
    )
    by_path = {course.path: course for course in courses}
    steps_of = {course.pk: [] for course in courses}
    lesson_ids, quiz_ids = [], []
    for pk, step_path, content_type_id in rows:
        course = by_path.get(step_path[: -Page.steplen])
        if course is None:
            continue
        steps_of[course.pk].append(pk)
        (quiz_ids if content_type_id == quiz_type.pk else lesson_ids).append(pk)
    done, quiz_states = _states(user, None, lesson_ids, quiz_ids)
    finished = done | {pk for pk, state in quiz_states.items() if state == PASSED}
    wanted = {}
    for course in courses:
        left = [pk for pk in steps_of[course.pk] if pk not in finished]
        if left:
            wanted[course.pk] = (left[0], len(left), len(steps_of[course.pk]) - len(left), len(steps_of[course.pk]))
    first_ids = [values[0] for values in wanted.values()]
    pages = {}
    for model in (LessonPage, QuizPage):
        ids = [pk for pk in first_ids if pk in (quiz_ids if model is QuizPage else lesson_ids)]
        if ids:
            pages.update({page.pk: page for page in model.objects.filter(pk__in=ids).defer_streamfields()})
    return {
        course.pk: NextStep(course, pages[first], remaining, done_count, total)
        for course in courses
        if course.pk in wanted
        for first, remaining, done_count, total in [wanted[course.pk]]
        if first in pages
    }


def resume_for(user):
    """The course ``user`` is taking (the latest started, not complete) and its next step, or ``None``.

    For the home page's "Reprendre" card: personal, so never for anonymous visitors."""
    if user is None or not user.is_authenticated:
        return None
    enrollments = (
        Enrollment.objects.filter(user=user, completed_at__isnull=True, course__live=True)
        .select_related("course")
        .order_by("-started_at", "-pk")[:3]
    )
    for enrollment in enrollments:
        next_step = next_step_of(course_progress(enrollment.course, user=user))
        if next_step is not None:
            return next_step
    return None
