"""Signals of the courses app.

``course_completed`` is sent with ``sender=Enrollment, enrollment=<Enrollment>`` once, when an
enrollment becomes complete (every lesson done, every quiz passed). The certificate is issued by a
receiver of this signal.

The receivers below keep ``CoursePage.duration_minutes`` equal to the sum of its published steps, and
give the "Formateurs" group its page permissions on a course catalogue when one is created.
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


TRAINER_GROUP = "Formateurs"
# Trainers add and edit courses, lessons and quizzes; publishing goes through the moderation workflow.
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")


def grant_trainer_permissions(catalogue):
    """Let the "Formateurs" group add and edit pages under ``catalogue`` (and nowhere else)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.filter(name=TRAINER_GROUP).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page_id=catalogue.pk, permission=permission)


def catalogue_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        grant_trainer_permissions(instance)


def connect():
    from .certificates import on_course_completed
    from .models import CourseIndexPage, LessonPage, QuizPage

    course_completed.connect(on_course_completed, dispatch_uid="courses_issue_certificate")

    for model in (LessonPage, QuizPage):
        page_published.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_pub_{model.__name__}")
        page_unpublished.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_unpub_{model.__name__}")
        post_save.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_save_{model.__name__}")
        post_delete.connect(step_changed, sender=model, dispatch_uid=f"courses_duration_del_{model.__name__}")
    post_page_move.connect(step_moved, dispatch_uid="courses_duration_move")
    post_save.connect(catalogue_created, sender=CourseIndexPage, dispatch_uid="courses_trainer_permissions")
