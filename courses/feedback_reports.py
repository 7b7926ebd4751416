"""Staff reports of the lesson feedback (Reports › Leçons : avis), with the same access rules and
export buttons as the other course reports (courses/reports.py)."""

from django.db.models import Count, ExpressionWrapper, F, FloatField, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.models import Page

from home.admin_panels import DashboardTablePanel

from .models import LessonFeedback, LessonPage
from .reports import BaseCourseReport, can_view_reports, percent, percent_display


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
    order = 175
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
