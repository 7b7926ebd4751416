"""Progress of visitors without an account: completed lessons live in the session, and join the
account when the visitor logs in or signs up (idempotent: merging twice adds nothing)."""

from allauth.account.signals import user_logged_in, user_signed_up
from django.db import transaction

from .models import CoursePage, Enrollment, LessonCompletion, LessonPage
from .progress import SESSION_KEY, check_course_completion, session_lesson_ids


def remember_lesson(session, lesson):
    """Add ``lesson`` to the session's completed lessons; returns ``True`` if it was not there."""
    done = session_lesson_ids(session)
    if lesson.pk in done:
        return False
    session[SESSION_KEY] = sorted(done | {lesson.pk})
    return True


def merge_session_progress(session, user):
    """Record the session's completed lessons for ``user``, enroll them, empty the session list."""
    lesson_ids = session_lesson_ids(session)
    if not lesson_ids or not user.is_authenticated:
        return 0
    lessons = list(LessonPage.objects.live().filter(pk__in=lesson_ids))
    with transaction.atomic():
        already = set(
            LessonCompletion.objects.filter(user=user, lesson__in=lessons).values_list("lesson_id", flat=True)
        )
        new = [LessonCompletion(user=user, lesson=lesson) for lesson in lessons if lesson.pk not in already]
        LessonCompletion.objects.bulk_create(new, ignore_conflicts=True)
        parent_paths = {lesson.path[: -lesson.steplen] for lesson in lessons}
        courses = list(CoursePage.objects.filter(path__in=parent_paths))
        for course in courses:
            Enrollment.objects.get_or_create(user=user, course=course)
            check_course_completion(user, course)
    session.pop(SESSION_KEY, None)
    return len(new)


def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        merge_session_progress(request.session, user)


def connect():
    user_logged_in.connect(_on_login, dispatch_uid="courses_merge_progress_on_login")
    user_signed_up.connect(_on_login, dispatch_uid="courses_merge_progress_on_signup")
