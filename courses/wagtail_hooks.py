from django.db.models import Count, ExpressionWrapper, F, FloatField, Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_panels import DashboardTablePanel
from home.exports import SafeExportIndexView

from . import feedback_reports, reports
from .admin_outline import CourseStepsActionView
from .models import CoursePage, QuizPage, Theme, Trainer
from .quiz_import import QuizImportView


class ThemeChooserViewSet(SnippetChooserViewSet):
    # A "Create" tab in the chooser, for staff who may add one: no detour through the snippets menu.
    form_fields = ["name", "slug"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    index_view_class = SafeExportIndexView
    chooser_viewset_class = ThemeChooserViewSet
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    list_filter = {"name": ["icontains"]}
    list_export = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TrainerChooserViewSet(SnippetChooserViewSet):
    # A "Create" tab in the chooser, for staff who may add one: no detour through the snippets menu.
    form_fields = ["name", "bio"]


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    index_view_class = SafeExportIndexView
    chooser_viewset_class = TrainerChooserViewSet
    icon = "user"
    menu_label = _("Trainers")
    list_display = ["name", "photo"]
    list_export = ["name", "bio"]
    list_filter = {"name": ["icontains"]}
    search_fields = ["name", "bio"]
    ordering = ["name"]


class CourseSnippetsGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, TrainerViewSet)
    menu_icon = "bookmark"
    menu_label = _("Course settings")
    menu_name = "course-settings"


register_snippet(CourseSnippetsGroup)


# --- Staff reports (courses/reports.py) -----------------------------------------------------------


class CourseReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_view_reports(request.user)


def _report_urls():
    listings = [
        ("", reports.CourseReportView, "courses"),
        ("<int:course_id>/apprenants/", reports.CourseLearnersReportView, "course_learners"),
        ("quiz/", reports.QuizReportView, "quizzes"),
        ("quiz/<int:quiz_id>/questions/", reports.QuizQuestionsReportView, "quiz_questions"),
        ("lecons/avis/", feedback_reports.LessonFeedbackReportView, "lesson_feedback"),
        ("lecons/<int:lesson_id>/avis/", feedback_reports.LessonCommentsReportView, "lesson_comments"),
        ("avis/", feedback_reports.CourseSurveyReportView, "course_surveys"),
    ]
    urls = []
    for route, view, name in listings:
        urls.append(path(route, view.as_view(), name=name))
        urls.append(path(f"{route}resultats/", view.as_view(results_only=True), name=f"{name}_results"))
    urls.append(
        path(
            "<int:course_id>/apprenants/<int:user_id>/reinitialiser/",
            reports.ResetProgressView.as_view(),
            name="reset_progress",
        )
    )
    urls.append(
        path("<int:course_id>/avis/", feedback_reports.CourseSurveyDetailView.as_view(), name="course_survey_detail")
    )
    return urls


@hooks.register("register_admin_urls")
def register_quiz_import_urls():
    return [
        path("formations/quiz/<int:page_id>/coller/", QuizImportView.as_view(), name="courses_quiz_import"),
        path(
            "formations/<int:course_id>/<str:action>-avec-les-etapes/",
            CourseStepsActionView.as_view(),
            name="courses_course_steps",
        ),
    ]


@hooks.register("register_page_header_buttons")
def quiz_import_header_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, QuizPage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Paste questions"), reverse("courses_quiz_import", args=[page.pk]), icon_name="list-ul", priority=25
        )


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return [path("reports/formations/", include((_report_urls(), "courses_reports"), namespace="courses_reports"))]


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return CourseReportMenuItem(
        _("Courses: completion"),
        reverse("courses_reports:courses"),
        name="course-completion",
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_reports_menu_item")
def register_quiz_report_menu_item():
    return CourseReportMenuItem(
        _("Quizzes: results"),
        reverse("courses_reports:quizzes"),
        name="quiz-results",
        icon_name="help",
        order=910,
    )


class LowestCompletionPanel(DashboardTablePanel):
    """The live courses with the lowest completion rate among their enrolled learners: one query."""

    name = "courses_lowest_completion"
    heading = _("Courses with the lowest completion")
    order = 470
    columns = (_("Course"), _("Enrolled learners"), _("Completion rate"))
    empty_message = _("No learner has started a course yet.")
    link_text = _("All course reports")
    limit = 5

    def __init__(self, request):
        super().__init__(request)
        self.link_url = reverse("courses_reports:courses")

    def get_rows(self):
        courses = (
            CoursePage.objects.live()
            .annotate(
                enrolled=Count("enrollments", distinct=True),
                completed=Count("enrollments", filter=Q(enrollments__completed_at__isnull=False), distinct=True),
            )
            .filter(enrolled__gt=0)
            .annotate(rate=ExpressionWrapper(F("completed") * 100.0 / F("enrolled"), output_field=FloatField()))
            .order_by("rate", "title")
            .values_list("title", "enrolled", "rate")[: self.limit]
        )
        return [[title, enrolled, f"{round(rate)} %"] for title, enrolled, rate in courses]


@hooks.register("construct_homepage_panels")
def add_lowest_completion_panel(request, panels):
    if reports.can_view_reports(request.user):
        panels.append(LowestCompletionPanel(request))


@hooks.register("register_reports_menu_item")
def register_lesson_feedback_menu_item():
    return CourseReportMenuItem(
        _("Lessons: feedback"),
        reverse("courses_reports:lesson_feedback"),
        name="lesson-feedback",
        icon_name="comment",
        order=920,
    )


@hooks.register("register_reports_menu_item")
def register_course_survey_menu_item():
    return CourseReportMenuItem(
        _("Courses: surveys and funnel"),
        reverse("courses_reports:course_surveys"),
        name="course-surveys",
        icon_name="list-ol",
        order=930,
    )


hooks.register("construct_homepage_panels", feedback_reports.add_lowest_helpful_panel)


@hooks.register("register_admin_viewset")
def register_course_page_viewsets():
    from .admin_views import page_viewsets

    return page_viewsets()
