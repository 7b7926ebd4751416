"""Reminders that bring learners back, without pestering them.

Three situations, checked by ``manage.py send_learning_reminders`` (cron, daily):

- a course in progress with no activity for ``LearningSettings.inactivity_days`` (10 by default);
- a quiz attempt started and left unsubmitted for ``unfinished_quiz_days``;
- a completed course, ``next_course_days`` later: the next course of the same theme not yet started.

Rules: at most one reminder a week per learner (``LearnerPreferences.last_reminder_at``, checked and
set while the learner's preferences row is locked, so overlapping runs cannot both send); each
situation at most once (``Reminder.key`` is unique per learner: an inactivity is keyed on the date of
the last activity, so coming back and leaving again makes a new situation); never to a learner who
turned reminders off. E-mails go through django-tasks and carry a one-click unsubscribe link
(``List-Unsubscribe`` and ``List-Unsubscribe-Post``, RFC 8058) that needs no log-in.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Site

from home.optin import make_token

from .models import (
    CoursePage,
    Enrollment,
    LearnerPreferences,
    LearningSettings,
    LessonCompletion,
    QuizAttempt,
    QuizPage,
    Reminder,
    ReminderKind,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "courses.reminders.unsubscribe"
MIN_DAYS_BETWEEN_REMINDERS = 7
# A completed course older than this is not worth a suggestion any more.
NEXT_COURSE_WINDOW_DAYS = 60
# Order of preference when a learner is in several situations at once.
PRIORITY = [ReminderKind.UNFINISHED_QUIZ, ReminderKind.INACTIVE_COURSE, ReminderKind.NEXT_COURSE]


def learning_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return LearningSettings.for_site(site) if site else LearningSettings()


def unsubscribe_token(preferences):
    return make_token(preferences.pk, preferences.secret, UNSUBSCRIBE_SALT)


# --- who is in which situation ---------------------------------------------------------------------


def _inactive_courses(now, days):
    """``[(user id, course id, key)]`` of courses in progress with no activity for ``days`` days."""
    last_lesson = (
        LessonCompletion.objects.filter(user=OuterRef("user"), lesson__path__startswith=OuterRef("course__path"))
        .order_by("-completed_at")
        .values("completed_at")[:1]
    )
    last_attempt = (
        QuizAttempt.objects.filter(user=OuterRef("user"), quiz__path__startswith=OuterRef("course__path"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    enrollments = (
        Enrollment.objects.filter(completed_at__isnull=True, course__live=True)
        .annotate(
            last_activity=Greatest(
                Coalesce(Subquery(last_lesson, output_field=DateTimeField()), F("started_at")),
                Coalesce(Subquery(last_attempt, output_field=DateTimeField()), F("started_at")),
            )
        )
        .filter(last_activity__lt=now - datetime.timedelta(days=days))
        .values_list("user_id", "course_id", "last_activity")
    )
    return [
        (user_id, course_id, f"inactive:{course_id}:{last_activity.date().isoformat()}")
        for user_id, course_id, last_activity in enrollments
    ]


def _unfinished_quizzes(now, days):
    attempts = QuizAttempt.objects.filter(
        submitted_at__isnull=True, quiz__live=True, created_at__lt=now - datetime.timedelta(days=days)
    ).values_list("user_id", "quiz__path", "pk")
    courses = {}
    result = []
    for user_id, quiz_path, attempt_id in attempts:
        parent_path = quiz_path[: -CoursePage.steplen]
        if parent_path not in courses:
            courses[parent_path] = CoursePage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
        result.append((user_id, courses[parent_path], f"quiz:{attempt_id}"))
    return result


def _completed_recently(now, days):
    return [
        (user_id, course_id, f"next:{course_id}")
        for user_id, course_id in Enrollment.objects.filter(
            completed_at__lt=now - datetime.timedelta(days=days),
            completed_at__gte=now - datetime.timedelta(days=NEXT_COURSE_WINDOW_DAYS),
        ).values_list("user_id", "course_id")
    ]


def next_course_for(user, course):
    """The next live course of ``course``'s theme (catalogue order) that ``user`` has not started."""
    if course is None or not course.theme_id:
        return None
    started = Enrollment.objects.filter(user=user).values("course_id")
    return (
        CoursePage.objects.live()
        .public()
        .filter(theme_id=course.theme_id)
        .exclude(pk=course.pk)
        .exclude(pk__in=started)
        .order_by("path")
        .first()
    )


def candidates(now=None):
    """``{user id: (kind, course id, key)}``: the one situation to remind each learner of."""
    now = now or timezone.now()
    config = learning_settings()
    found = {
        ReminderKind.UNFINISHED_QUIZ: _unfinished_quizzes(now, config.unfinished_quiz_days),
        ReminderKind.INACTIVE_COURSE: _inactive_courses(now, config.inactivity_days),
        ReminderKind.NEXT_COURSE: _completed_recently(now, config.next_course_days),
    }
    already = set(
        Reminder.objects.filter(user_id__in={c[0] for cs in found.values() for c in cs}).values_list("user_id", "key")
    )
    chosen = {}
    for kind in PRIORITY:
        for user_id, course_id, key in found[kind]:
            if user_id in chosen or (user_id, key) in already:
                continue
            if kind == ReminderKind.NEXT_COURSE:
                course = CoursePage.objects.filter(pk=course_id).first()
                user = get_user_model().objects.filter(pk=user_id).first()
                if user is None or next_course_for(user, course) is None:
                    continue
            chosen[user_id] = (kind, course_id, key)
    return chosen


# --- sending -----------------------------------------------------------------------------------------


def record_reminder(user_id, kind, course_id, key, now=None):
    """The new ``Reminder`` when this learner may get one now, else None (reminders off, one sent in
    the last week, or this situation already reminded). Safe when two runs overlap: the learner's
    preferences row is locked while the rule is checked and the reminder recorded."""
    now = now or timezone.now()
    LearnerPreferences.objects.get_or_create(user_id=user_id)
    try:
        with transaction.atomic():
            preferences = LearnerPreferences.objects.select_for_update().get(user_id=user_id)
            if not preferences.reminders:
                return None
            recent = now - datetime.timedelta(days=MIN_DAYS_BETWEEN_REMINDERS)
            if preferences.last_reminder_at and preferences.last_reminder_at > recent:
                return None
            if Reminder.objects.filter(user_id=user_id, key=key).exists():
                return None
            reminder = Reminder.objects.create(user_id=user_id, kind=kind, course_id=course_id, key=key)
            preferences.last_reminder_at = now
            preferences.save(update_fields=["last_reminder_at", "updated_at"])
    except IntegrityError:  # the same situation recorded by another run in between
        return None
    transaction.on_commit(lambda: send_reminder_email.enqueue(reminder.pk))
    return reminder


def send_reminders(now=None, dry_run=False):
    """Record and send the reminders due now; returns how many (or, with ``dry_run``, would be)."""
    due = candidates(now)
    if dry_run:
        return len(due)
    sent = 0
    for user_id, (kind, course_id, key) in due.items():
        if record_reminder(user_id, kind, course_id, key, now=now) is not None:
            sent += 1
    return sent


def _root_url(page):
    _site_id, root_url, _path = page.get_url_parts()
    return (root_url or "").rstrip("/")


def reminder_context(reminder):
    """What the e-mail says: where the learner stopped and the link to go on."""
    from .progress import course_progress

    user = reminder.user
    course = CoursePage.objects.filter(pk=reminder.course_id).first()
    context = {"user": user, "kind": reminder.kind, "course": course}
    if course is None:
        return None
    root = _root_url(course)
    context["course_url"] = root + course.get_url_parts()[2]
    if reminder.kind == ReminderKind.NEXT_COURSE:
        following = next_course_for(user, course)
        if following is None:
            return None
        context["next_course"] = following
        context["next_course_url"] = root + following.get_url_parts()[2]
    elif reminder.kind == ReminderKind.UNFINISHED_QUIZ:
        attempt_id = int(reminder.key.split(":", 1)[1])
        attempt = QuizAttempt.objects.filter(pk=attempt_id, submitted_at__isnull=True).select_related("quiz").first()
        if attempt is None:
            return None
        quiz = attempt.quiz.specific if not isinstance(attempt.quiz, QuizPage) else attempt.quiz
        context["quiz"] = quiz
        context["quiz_url"] = root + quiz.get_url_parts()[2]
        context["answered"] = len(attempt.answers or {})
        context["question_count"] = len(attempt.question_order or []) or quiz.questions.count()
    else:
        progress = course_progress(course, user=user)
        finished = [step for step in progress.steps if step.is_finished]
        context["last_step"] = finished[-1] if finished else None
        context["next_step"] = progress.first_unfinished
        context["finished_count"] = progress.finished_count
        context["total"] = progress.total
        if progress.first_unfinished is not None:
            context["next_step_url"] = root + progress.first_unfinished.page.get_url_parts()[2]
    preferences = LearnerPreferences.objects.get(user=user)
    context["unsubscribe_url"] = root + reverse(
        "courses:reminders_unsubscribe", kwargs={"token": unsubscribe_token(preferences)}
    )
    context["preferences_url"] = root + reverse("courses:reminder_preferences")
    return context


@task()
def send_reminder_email(reminder_id):
    """Send one recorded reminder; nothing if it or what it is about is gone."""
    reminder = Reminder.objects.select_related("user").filter(pk=reminder_id).first()
    if reminder is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = reminder_context(reminder)
        if context is None:
            return False
        subject = " ".join(render_to_string("emails/courses/reminder_subject.txt", context).split())
        body = render_to_string("emails/courses/reminder_body.txt", context)
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [reminder.user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.send()
    return True
