from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(minutes):
    """``95`` -> "1 h 35 min", ``40`` -> "40 min"."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


@register.simple_tag(takes_context=True)
def featured_course_cards(context, featured):
    """The live courses chosen on the home page, in the editors' order, ready for cards (3 queries)."""
    from courses.views import attach_progress, course_cards_queryset

    course_ids = [item.course_id for item in featured]
    courses = {course.pk: course for course in course_cards_queryset().filter(pk__in=course_ids)}
    ordered = [courses[pk] for pk in course_ids if pk in courses]
    request = context.get("request")
    if request is not None and request.user.is_authenticated:
        attach_progress(ordered, request)
    return ordered


@register.simple_tag(takes_context=True)
def course_extensions(context, hook_name, obj=None):
    """What other apps add to a course page or to "Mes formations", without courses knowing them.

    An app registers ``@hooks.register("course_page_sections")`` (called with the request and the
    course) or ``"learner_dashboard_sections"`` (called with the request) returning HTML, or "" to add
    nothing. The live trainings use them for a course's upcoming sessions and a member's workshops.
    """
    from django.utils.html import format_html_join
    from wagtail import hooks

    request = context.get("request")
    parts = []
    for function in hooks.get_hooks(hook_name):
        html = function(request, obj) if obj is not None else function(request)
        if html:
            parts.append((html,))
    return format_html_join("", "{}", parts)


@register.simple_tag(takes_context=True)
def resume_course(context):
    """The course the logged-in learner is taking and its next step (``courses.guidance.NextStep``),
    for the home page's "Reprendre" card; ``None`` for anonymous visitors and when nothing is in progress."""
    from courses.guidance import resume_for

    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return None
    return resume_for(request.user)
