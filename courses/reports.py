"""Staff reports in the Wagtail admin (Reports menu), each searchable and exportable (CSV, XLSX).

- Courses: enrolled learners, completions, completion rate, median time to complete.
- Learners of a course: one row per learner, one column per step (who is stuck where), paginated;
  staff with ``courses.reset_progress`` can reset a learner's progress from there.
- Quizzes: submitted attempts, learners, pass rate.
- Questions of a quiz: how often each question was answered right (to find bad questions).

Only users with the ``courses.view_reports`` permission (the "Modération" and "Formateurs" groups, and
superusers) see them; anyone else gets 403. Every view runs a fixed number of queries per page.
"""

import logging
import statistics
from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from home.exports import SafeExportMixin

from .models import (
    Certificate,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    Question,
    QuizAttempt,
    QuizPage,
)
from .progress import DONE, NOT_STARTED, PASSED, STATE_LABELS, quiz_attempt_rows, quiz_state

logger = logging.getLogger(__name__)

VIEW_PERMISSION = "courses.view_reports"
RESET_PERMISSION = "courses.reset_progress"


def can_view_reports(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def can_reset_progress(user):
    return user.is_active and user.has_perm(RESET_PERMISSION)


def percent(part, whole):
    return round(100 * part / whole) if whole else None


def percent_display(value):
    return "–" if value is None else f"{value} %"


def duration_display(seconds):
    """A readable duration: "45 min", "3 h 20 min", "4 j 2 h" (days in French: "j")."""
    if seconds is None:
        return "–"
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


class ReportPermissionMixin:
    """403 for anyone without ``courses.view_reports`` (Wagtail's own policy checks are not used)."""

    permission_policy = None
    required_permission = VIEW_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.has_perm(self.required_permission)):
            # A real 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
            return TemplateResponse(request, "courses/admin/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class BaseCourseReport(ReportPermissionMixin, SafeExportMixin, ReportView):
    is_searchable = True
    search_backend_name = None  # plain ORM "icontains" on search_fields
    header_icon = "doc-full"
    # 25 rows keep a report page light on a phone (under 60 KB) and quick to render.
    paginate_by = 25

    def url_args(self):
        return list(self.kwargs.values())

    def get_index_url(self):
        return reverse(f"courses_reports:{self.url_name}", args=self.url_args())

    def get_index_results_url(self):
        return reverse(f"courses_reports:{self.url_name}_results", args=self.url_args())


# --- Courses -------------------------------------------------------------------------------------


class CourseReportView(BaseCourseReport):
    url_name = "courses"
    page_title = gettext_lazy("Courses: completion")
    export_filename = "formations"
    search_fields = ["title"]
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Course"),
            get_url=lambda course: reverse("courses_reports:course_learners", args=[course.pk]),
        ),
        Column("enrolled", label=gettext_lazy("Enrolled learners")),
        Column("completed", label=gettext_lazy("Completed")),
        Column("completion_rate_display", label=gettext_lazy("Completion rate")),
        Column("median_time_display", label=gettext_lazy("Median time to complete")),
    ]
    list_export = ["title", "enrolled", "completed", "completion_rate", "median_hours"]
    export_headings = {
        "title": gettext_lazy("Course"),
        "enrolled": gettext_lazy("Enrolled learners"),
        "completed": gettext_lazy("Completed"),
        "completion_rate": gettext_lazy("Completion rate (%)"),
        "median_hours": gettext_lazy("Median time to complete (hours)"),
    }

    def get_base_queryset(self):
        return CoursePage.objects.order_by("title")

    def decorate_paginated_queryset(self, object_list):
        courses = list(object_list)
        # Counted for the courses of this page only (one grouped query): counting every course's
        # enrollments before paginating took 100 ms with 300,000 of them.
        counts = {
            row["course_id"]: row
            for row in Enrollment.objects.filter(course_id__in=[course.pk for course in courses])
            .values("course_id")
            .annotate(
                enrolled=Count("user_id", distinct=True), completed=Count("id", filter=Q(completed_at__isnull=False))
            )
        }
        for course in courses:
            row = counts.get(course.pk, {})
            course.enrolled, course.completed = row.get("enrolled", 0), row.get("completed", 0)
        durations = defaultdict(list)
        rows = Enrollment.objects.filter(
            course_id__in=[course.pk for course in courses], completed_at__isnull=False
        ).values_list("course_id", "started_at", "completed_at")
        for course_id, started_at, completed_at in rows:
            durations[course_id].append(max((completed_at - started_at).total_seconds(), 0))
        for course in courses:
            course.completion_rate = percent(course.completed, course.enrolled)
            course.completion_rate_display = percent_display(course.completion_rate)
            median = statistics.median(durations[course.pk]) if durations[course.pk] else None
            course.median_seconds = median
            course.median_hours = round(median / 3600, 1) if median is not None else None
            course.median_time_display = duration_display(median)
        return courses


# --- Learners of a course: who is stuck where ----------------------------------------------------


class StepColumn(Column):
    def __init__(self, index, step, **kwargs):
        number = index + 1
        title = step.title if len(step.title) <= 40 else step.title[:39] + "…"
        super().__init__(f"step_{number}", label=f"{number}. {title}", **kwargs)
        self.index = index

    def get_value(self, instance):
        return instance.step_labels[self.index]


class CourseLearnersReportView(BaseCourseReport):
    url_name = "course_learners"
    export_filename = "apprenants"
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    # One line per learner; the table scrolls sideways with the learner column fixed (admin.css).
    table_classname = "listing wa-wide-table"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])
        self.steps = list(Page.objects.child_of(self.course).type(LessonPage, QuizPage).order_by("path").specific())
        self.list_export = [
            "learner_name",
            "user.email",
            "started_at",
            "completed_at",
            "finished_display",
            "stuck_at",
        ] + [f"step_{index + 1}" for index in range(len(self.steps))]
        self.export_headings = {
            "learner_name": _("Learner"),
            "user.email": _("E-mail"),
            "started_at": _("Started on"),
            "completed_at": _("Completed on"),
            "finished_display": _("Finished steps"),
            "stuck_at": _("Next step to do"),
        } | {f"step_{index + 1}": f"{index + 1}. {step.title}" for index, step in enumerate(self.steps)}

    def get_page_title(self):
        return _("Learners of “%(course)s”") % {"course": self.course.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("courses_reports:courses"), "label": _("Courses: completion")},
            {"url": "", "label": self.course.title},
        ]

    @cached_property
    def columns(self):
        columns = [
            Column("learner_name", label=_("Learner")),
            Column("user.email", label=_("E-mail")),
            DateColumn("started_at", label=_("Started on")),
            DateColumn("completed_at", label=_("Completed on")),
            Column("finished_display", label=_("Finished steps")),
            Column("stuck_at", label=_("Next step to do")),
        ]
        columns += [StepColumn(index, step) for index, step in enumerate(self.steps)]
        if can_reset_progress(self.request.user):
            # Right after the learner, so it is on screen at 1280 px whatever the number of steps.
            columns.insert(
                1,
                TitleColumn(
                    "reset_label",
                    label=_("Actions"),
                    get_url=lambda enrollment: reverse(
                        "courses_reports:reset_progress", args=[enrollment.course_id, enrollment.user_id]
                    ),
                ),
            )
        return columns

    def get_base_queryset(self):
        return (
            Enrollment.objects.filter(course=self.course)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__email")
        )

    def decorate_paginated_queryset(self, object_list):
        enrollments = list(object_list)
        user_ids = [enrollment.user_id for enrollment in enrollments]
        lesson_ids = [step.pk for step in self.steps if isinstance(step, LessonPage)]
        quiz_ids = [step.pk for step in self.steps if isinstance(step, QuizPage)]
        done = set(
            LessonCompletion.objects.filter(user_id__in=user_ids, lesson_id__in=lesson_ids).values_list(
                "user_id", "lesson_id"
            )
        )
        quiz_rows = quiz_attempt_rows(
            QuizAttempt.objects.filter(user_id__in=user_ids, quiz_id__in=quiz_ids), "user_id", "quiz_id"
        )
        quizzes = {(row["user_id"], row["quiz_id"]): row for row in quiz_rows}
        for enrollment in enrollments:
            user = enrollment.user
            enrollment.learner_name = user.get_full_name() or user.email
            states, labels = [], []
            for step in self.steps:
                if isinstance(step, QuizPage):
                    row = quizzes.get((user.pk, step.pk))
                    state = quiz_state(row)
                    label = str(STATE_LABELS[state]) + (
                        f" ({row['best']} %)" if row and row["best"] is not None else ""
                    )
                else:
                    state = DONE if (user.pk, step.pk) in done else NOT_STARTED
                    label = str(STATE_LABELS[state])
                states.append(state)
                labels.append(label)
            enrollment.step_labels = labels
            for index, label in enumerate(labels):
                setattr(enrollment, f"step_{index + 1}", label)
            finished = sum(1 for state in states if state in (DONE, PASSED))
            enrollment.finished_display = f"{finished} / {len(self.steps)}"
            stuck = next(
                (step for step, state in zip(self.steps, states, strict=True) if state not in (DONE, PASSED)), None
            )
            enrollment.stuck_at = stuck.title if stuck else "–"
            enrollment.reset_label = _("Reset progress")
        return enrollments


# --- Quizzes -------------------------------------------------------------------------------------


class QuizReportView(BaseCourseReport):
    url_name = "quizzes"
    page_title = gettext_lazy("Quizzes: results")
    export_filename = "quiz"
    search_fields = ["title"]
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Quiz"),
            get_url=lambda quiz: reverse("courses_reports:quiz_questions", args=[quiz.pk]),
        ),
        Column("course_title", label=gettext_lazy("Course")),
        Column("attempt_count", label=gettext_lazy("Submitted attempts")),
        Column("learner_count", label=gettext_lazy("Learners")),
        Column("pass_rate_display", label=gettext_lazy("Pass rate (attempts)")),
        Column("pass_mark_display", label=gettext_lazy("Pass mark")),
    ]
    list_export = ["title", "course_title", "attempt_count", "learner_count", "passed_count", "pass_rate", "pass_mark"]
    export_headings = {
        "title": gettext_lazy("Quiz"),
        "course_title": gettext_lazy("Course"),
        "attempt_count": gettext_lazy("Submitted attempts"),
        "learner_count": gettext_lazy("Learners"),
        "passed_count": gettext_lazy("Passed attempts"),
        "pass_rate": gettext_lazy("Pass rate (%)"),
        "pass_mark": gettext_lazy("Pass mark (%)"),
    }

    def get_base_queryset(self):
        submitted = Q(attempts__submitted_at__isnull=False)
        return QuizPage.objects.annotate(
            attempt_count=Count("attempts", filter=submitted, distinct=True),
            passed_count=Count("attempts", filter=submitted & Q(attempts__passed=True), distinct=True),
            learner_count=Count("attempts__user", filter=submitted, distinct=True),
        ).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        quizzes = list(object_list)
        parents = dict(
            CoursePage.objects.filter(path__in={quiz.path[: -Page.steplen] for quiz in quizzes}).values_list(
                "path", "title"
            )
        )
        for quiz in quizzes:
            quiz.course_title = parents.get(quiz.path[: -Page.steplen], "")
            quiz.pass_rate = percent(quiz.passed_count, quiz.attempt_count)
            quiz.pass_rate_display = percent_display(quiz.pass_rate)
            quiz.pass_mark_display = f"{quiz.pass_mark} %"
        return quizzes


class QuizQuestionsReportView(BaseCourseReport):
    url_name = "quiz_questions"
    export_filename = "questions"
    search_fields = ["text"]
    columns = [
        Column("number", label=gettext_lazy("No.")),
        Column("text", label=gettext_lazy("Question")),
        Column("kind_display", label=gettext_lazy("Kind")),
        Column("seen", label=gettext_lazy("Attempts with this question")),
        Column("right", label=gettext_lazy("Answered right")),
        Column("right_rate_display", label=gettext_lazy("Right answers (%)")),
    ]
    list_export = ["number", "text", "kind_display", "seen", "right", "right_rate"]
    export_headings = {
        "number": gettext_lazy("No."),
        "text": gettext_lazy("Question"),
        "kind_display": gettext_lazy("Kind"),
        "seen": gettext_lazy("Attempts with this question"),
        "right": gettext_lazy("Answered right"),
        "right_rate": gettext_lazy("Right answers (%)"),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["quiz_id"])

    def get_page_title(self):
        return _("Questions of “%(quiz)s”") % {"quiz": self.quiz.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("courses_reports:quizzes"), "label": _("Quizzes: results")},
            {"url": "", "label": self.quiz.title},
        ]

    def get_base_queryset(self):
        return Question.objects.filter(quiz=self.quiz).order_by("sort_order", "pk")

    def decorate_paginated_queryset(self, object_list):
        questions = list(object_list)
        numbers = {
            pk: index
            for index, pk in enumerate(
                Question.objects.filter(quiz=self.quiz).order_by("sort_order", "pk").values_list("pk", flat=True),
                start=1,
            )
        }
        seen, right = defaultdict(int), defaultdict(int)
        attempts = QuizAttempt.objects.filter(quiz=self.quiz, submitted_at__isnull=False).values_list(
            "question_order", "answers", "correct_questions"
        )
        for order, answers, correct in attempts.iterator(chunk_size=2000):
            shown = set(order or ()) | {int(key) for key in (answers or {}) if str(key).isdigit()}
            for pk in shown:
                seen[pk] += 1
            for pk in correct or ():
                right[pk] += 1
        for question in questions:
            question.number = numbers.get(question.pk)
            question.kind_display = question.get_kind_display()
            question.seen = seen[question.pk]
            question.right = right[question.pk]
            question.right_rate = percent(question.right, question.seen)
            question.right_rate_display = percent_display(question.right_rate)
        return questions


# --- Reset a learner's progress ------------------------------------------------------------------


def reset_progress(user, course, revoke_certificate=False):
    """Delete ``user``'s completed lessons and quiz attempts in ``course`` and mark the enrollment not
    complete. The certificate is kept (it attests a past completion and stays verifiable) unless
    ``revoke_certificate``; completing the course again issues no second certificate."""
    step_ids = list(Page.objects.child_of(course).values_list("pk", flat=True))
    with transaction.atomic():
        lessons = LessonCompletion.objects.filter(user=user, lesson_id__in=step_ids).delete()[0]
        attempts = QuizAttempt.objects.filter(user=user, quiz_id__in=step_ids).delete()[0]
        Enrollment.objects.filter(user=user, course=course).update(completed_at=None)
        revoked = 0
        if revoke_certificate:
            revoked = Certificate.objects.filter(enrollment__user=user, enrollment__course=course).delete()[0]
    return {"lessons": lessons, "attempts": attempts, "certificates": revoked}


class ResetProgressView(ReportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    required_permission = RESET_PERMISSION
    template_name = "courses/admin/reset_progress.html"
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])
        self.enrollment = get_object_or_404(
            Enrollment.objects.select_related("user"), course=self.course, user_id=kwargs["user_id"]
        )
        self.learner = self.enrollment.user

    def get_page_title(self):
        return _("Reset progress")

    def get_page_subtitle(self):
        return self.learner.get_full_name() or self.learner.email

    @property
    def learners_url(self):
        return reverse("courses_reports:course_learners", args=[self.course.pk])

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("courses_reports:courses"), "label": _("Courses: completion")},
            {"url": self.learners_url, "label": self.course.title},
            {"url": "", "label": _("Reset progress")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "course": self.course,
                "learner": self.learner,
                "learner_name": self.learner.get_full_name() or self.learner.email,
                "certificate": Certificate.objects.filter(enrollment=self.enrollment).first(),
                "cancel_url": self.learners_url,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the reset."))
            return redirect(request.path)
        counts = reset_progress(self.learner, self.course, revoke_certificate=request.POST.get("revoke") == "yes")
        logger.info(
            "Progress of user %s in course %s reset by %s: %s", self.learner.pk, self.course.pk, request.user.pk, counts
        )
        messages.success(
            request,
            _("The progress of %(learner)s in “%(course)s” was reset.")
            % {"learner": self.learner.get_full_name() or self.learner.email, "course": self.course.title},
        )
        return redirect(self.learners_url)
