"""Staff reports of the lesson feedback (Reports › Leçons : avis), with the same access rules and
export buttons as the other course reports (courses/reports.py)."""

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from home.admin_panels import DashboardTablePanel

from .models import (
    CoursePage,
    CourseSurvey,
    Enrollment,
    LessonCompletion,
    LessonFeedback,
    LessonPage,
    QuizAttempt,
    QuizPage,
)
from .reports import BaseCourseReport, ReportPermissionMixin, can_view_reports, percent, percent_display


def lessons_with_feedback_counts():
    return LessonPage.objects.annotate(
        helpful_count=Count("feedback", filter=Q(feedback__helpful=True)),
        unhelpful_count=Count("feedback", filter=Q(feedback__helpful=False)),
        comment_count=Count("feedback", filter=~Q(feedback__comment="")),
    ).filter(Q(helpful_count__gt=0) | Q(unhelpful_count__gt=0))


class LessonFeedbackReportView(BaseCourseReport):
    url_name = "lesson_feedback"
    page_title = gettext_lazy("Lessons: feedback")
    export_filename = "avis-lecons"
    search_fields = ["title"]
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Lesson"),
            get_url=lambda lesson: reverse("courses_reports:lesson_comments", args=[lesson.pk]),
        ),
        Column("course_title", label=gettext_lazy("Course")),
        Column("helpful_count", label=gettext_lazy("Helpful")),
        Column("unhelpful_count", label=gettext_lazy("Not helpful")),
        Column("helpful_rate_display", label=gettext_lazy("Helpful rate")),
        Column("comment_count", label=gettext_lazy("Comments")),
    ]
    list_export = ["title", "course_title", "helpful_count", "unhelpful_count", "helpful_rate", "comment_count"]
    export_headings = {
        "title": gettext_lazy("Lesson"),
        "course_title": gettext_lazy("Course"),
        "helpful_count": gettext_lazy("Helpful"),
        "unhelpful_count": gettext_lazy("Not helpful"),
        "helpful_rate": gettext_lazy("Helpful rate (%)"),
        "comment_count": gettext_lazy("Comments"),
    }

    def get_base_queryset(self):
        return lessons_with_feedback_counts().order_by("path")

    def decorate_paginated_queryset(self, object_list):
        lessons = list(object_list)
        parents = {lesson.path[: -LessonPage.steplen] for lesson in lessons}
        titles = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
        for lesson in lessons:
            lesson.course_title = titles.get(lesson.path[: -LessonPage.steplen], "–")
            lesson.helpful_rate = percent(lesson.helpful_count, lesson.helpful_count + lesson.unhelpful_count)
            lesson.helpful_rate_display = percent_display(lesson.helpful_rate)
        return lessons


class LessonCommentsReportView(BaseCourseReport):
    url_name = "lesson_comments"
    export_filename = "commentaires-lecon"
    search_fields = ["comment"]
    columns = [
        DateColumn("updated_at", label=gettext_lazy("Date")),
        Column("helpful_display", label=gettext_lazy("Helpful")),
        Column("comment", label=gettext_lazy("Comment")),
    ]
    list_export = ["updated_at", "helpful_display", "comment"]
    export_headings = {
        "updated_at": gettext_lazy("Date"),
        "helpful_display": gettext_lazy("Helpful"),
        "comment": gettext_lazy("Comment"),
    }

    @cached_property
    def lesson(self):
        # Looked up after the permission check of ``dispatch``: no one learns which ids exist.
        return get_object_or_404(LessonPage, pk=self.kwargs["lesson_id"])

    def get_page_title(self):
        return _("Feedback on “%(lesson)s”") % {"lesson": self.lesson.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("courses_reports:lesson_feedback"), "label": _("Lessons: feedback")},
            {"url": "", "label": self.lesson.title},
        ]

    def get_base_queryset(self):
        # The learners' names are not shown: staff read what was said, not who said it.
        return LessonFeedback.objects.filter(lesson=self.lesson).order_by("-updated_at")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            row.helpful_display = _("Yes") if row.helpful else _("No")
            row.comment = row.comment or "–"
        return rows


class LowestHelpfulPanel(DashboardTablePanel):
    """The lessons learners find least helpful (at least three answers): one query."""

    name = "courses_lowest_helpful"
    heading = gettext_lazy("Lessons learners find least helpful")
    order = 475
    columns = (gettext_lazy("Lesson"), gettext_lazy("Answers"), gettext_lazy("Helpful rate"))
    empty_message = gettext_lazy("No lesson has three answers yet.")
    link_text = gettext_lazy("All lesson feedback")
    limit = 5
    min_answers = 3

    def __init__(self, request):
        super().__init__(request)
        self.link_url = reverse("courses_reports:lesson_feedback")

    def get_rows(self):
        lessons = (
            lessons_with_feedback_counts()
            .annotate(answers=F("helpful_count") + F("unhelpful_count"))
            .filter(answers__gte=self.min_answers)
            .annotate(rate=ExpressionWrapper(F("helpful_count") * 100.0 / F("answers"), output_field=FloatField()))
            .order_by("rate", "title")
            .values_list("title", "answers", "rate")[: self.limit]
        )
        return [[title, answers, f"{round(rate)} %"] for title, answers, rate in lessons]


def add_lowest_helpful_panel(request, panels):
    if can_view_reports(request.user):
        panels.append(LowestHelpfulPanel(request))


# --- End-of-course surveys and the completion funnel -------------------------------------------------


class CourseSurveyReportView(BaseCourseReport):
    url_name = "course_surveys"
    page_title = gettext_lazy("Courses: surveys and funnel")
    export_filename = "avis-formations"
    search_fields = ["title"]
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Course"),
            get_url=lambda course: reverse("courses_reports:course_survey_detail", args=[course.pk]),
        ),
        Column("survey_count", label=gettext_lazy("Answers")),
        Column("satisfaction_display", label=gettext_lazy("Average satisfaction")),
        Column("recommend_display", label=gettext_lazy("Would recommend it")),
    ]
    list_export = ["title", "survey_count", "satisfaction_average", "recommend_rate"]
    export_headings = {
        "title": gettext_lazy("Course"),
        "survey_count": gettext_lazy("Answers"),
        "satisfaction_average": gettext_lazy("Average satisfaction (1–5)"),
        "recommend_rate": gettext_lazy("Would recommend it (%)"),
    }

    def get_base_queryset(self):
        return CoursePage.objects.annotate(
            survey_count=Count("surveys"),
            satisfaction_average=Avg("surveys__satisfaction"),
            recommend_count=Count("surveys", filter=Q(surveys__would_recommend=True)),
        ).order_by("title")

    def decorate_paginated_queryset(self, object_list):
        courses = list(object_list)
        for course in courses:
            average = course.satisfaction_average
            course.satisfaction_average = round(average, 1) if average is not None else None
            course.satisfaction_display = "–" if average is None else f"{average:.1f} / 5".replace(".", ",")
            course.recommend_rate = percent(course.recommend_count, course.survey_count)
            course.recommend_display = percent_display(course.recommend_rate)
        return courses


class CourseSurveyDetailView(ReportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """One course: how many learners reach each step (the funnel), and what the survey says."""

    template_name = "courses/admin/course_survey_detail.html"
    header_icon = "doc-full"

    @cached_property
    def course(self):
        return get_object_or_404(CoursePage, pk=self.kwargs["course_id"])

    def get_page_title(self):
        return _("Funnel and surveys of “%(course)s”") % {"course": self.course.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("courses_reports:course_surveys"), "label": _("Courses: surveys and funnel")},
            {"url": "", "label": self.course.title},
        ]

    def funnel(self):
        """``[(number, step, learners who finished it, % of enrolled)]``: four queries whatever the size."""
        steps = list(self.course.get_steps())
        enrolled = Enrollment.objects.filter(course=self.course).count()
        lesson_ids = [step.pk for step in steps if isinstance(step, LessonPage)]
        quiz_ids = [step.pk for step in steps if isinstance(step, QuizPage)]
        finished = dict(
            LessonCompletion.objects.filter(lesson_id__in=lesson_ids)
            .values("lesson_id")
            .annotate(n=Count("user_id", distinct=True))
            .values_list("lesson_id", "n")
        )
        finished.update(
            QuizAttempt.objects.filter(quiz_id__in=quiz_ids, submitted_at__isnull=False, passed=True)
            .values("quiz_id")
            .annotate(n=Count("user_id", distinct=True))
            .values_list("quiz_id", "n")
        )
        return enrolled, [
            (number, step, finished.get(step.pk, 0), percent(finished.get(step.pk, 0), enrolled))
            for number, step in enumerate(steps, start=1)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolled, funnel = self.funnel()
        surveys = CourseSurvey.objects.filter(course=self.course)
        summary = surveys.aggregate(
            count=Count("id"), average=Avg("satisfaction"), recommend=Count("id", filter=Q(would_recommend=True))
        )
        context.update(
            {
                "course": self.course,
                "enrolled": enrolled,
                "funnel": funnel,
                "survey_count": summary["count"],
                "satisfaction": "–" if summary["average"] is None else f"{summary['average']:.1f}".replace(".", ","),
                "recommend": percent_display(percent(summary["recommend"], summary["count"])),
                "distribution": [(value, surveys.filter(satisfaction=value).count()) for value in range(5, 0, -1)],
                "changes": list(
                    surveys.exclude(change="").order_by("-updated_at").values_list("change", flat=True)[:50]
                ),
            }
        )
        return context
