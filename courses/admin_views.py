"""Page admin views specific to courses and their steps (registered as Wagtail page viewsets)."""

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.ordering import SetPagePositionView
from wagtail.admin.views.pages.unpublish import UnpublishView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from .models import CoursePage, LessonPage, QuizPage


class StepPositionView(SetPagePositionView):
    """Moving a step answers 403 when refused.

    Wagtail's admin turns a refusal into a redirect to the dashboard, which the drag-and-drop script
    follows and then reports as a success ("déplacée avec succès") although nothing moved.
    """

    def post(self, request, page_to_move_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id)
        if not page.get_parent().permissions_for_user(request.user).can_reorder_children():
            return HttpResponseForbidden(_("You may not reorder the steps of this course."))
        return super().post(request, page_to_move_id, *args, **kwargs)


class CourseUnpublishView(UnpublishView):
    """Unpublishing a course unpublishes its steps too, unless the box is unticked: a lesson left live
    under an unpublished course stays reachable and in search results."""

    template_name = "courses/admin/confirm_unpublish.html"


class CourseViewSet(PageViewSet):
    model = CoursePage
    name = "course_pages"
    unpublish_view_class = CourseUnpublishView
    # Keep Wagtail's usual listing of the catalogue's children.
    parent_models = []


class StepViewSet(PageViewSet):
    set_page_position_view_class = StepPositionView
    parent_models = []


def page_viewsets():
    return [
        CourseViewSet(),
        StepViewSet(name="lesson_pages", model=LessonPage),
        StepViewSet(name="quiz_pages", model=QuizPage),
    ]
