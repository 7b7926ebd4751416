"""Signals of the courses app.

``course_completed`` is sent with ``sender=Enrollment, enrollment=<Enrollment>`` once, when an
enrollment becomes complete (every lesson done, every quiz passed). The certificate is issued by a
receiver of this signal.

The receivers below keep ``CoursePage.duration_minutes`` equal to the sum of its published steps.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.signals import page_published, page_unpublished, post_page_move

course_completed = Signal()


def _course_of(page, path=None):
    from .models import CoursePage

    path = path or page.path
    parent_path = path[: -page.steplen]
    if not parent_path:
        return None
    return CoursePage.objects.filter(path=parent_path).first()


def _recompute(page, path=None):
    course = _course_of(page, path)
    if course is not None:
        course.recompute_duration()


def step_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _recompute(instance)


def step_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    from .models import CoursePage, LessonPage, QuizPage

    if not isinstance(instance.specific_deferred, (LessonPage, QuizPage)):
        return
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            course = CoursePage.objects.filter(pk=parent.pk).first()
            if course is not None:
                course.recompute_duration()


def connect():
    from .certificates import on_course_completed
    from .models import LessonPage, QuizPage

    course_completed.connect(on_course_completed, dispatch_uid="courses_issue_certificate")

    for model in (LessonPage, QuizPage):
        page_published.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_pub_{model.__name__}")
        page_unpublished.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_unpub_{model.__name__}")
        post_save.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_save_{model.__name__}")
        post_delete.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_del_{model.__name__}")
    post_page_move.connect(step_moved, dispatch_uid="courses_duration_move")
