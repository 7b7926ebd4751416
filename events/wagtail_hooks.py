"""The live trainings in the admin (participants, exports, staff actions) and on the courses' pages."""

from wagtail import hooks

from . import sections


@hooks.register("course_page_sections")
def course_page_sessions(request, course):
    return sections.course_sessions(request, course)


@hooks.register("learner_dashboard_sections")
def dashboard_sessions(request):
    return sections.dashboard_sessions(request)
