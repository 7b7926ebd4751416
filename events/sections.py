"""What the live trainings add to pages of the courses app, through the hooks courses declares
(``course_page_sections``, ``learner_dashboard_sections``): courses never imports this app."""

from django.template.loader import render_to_string
from django.utils import timezone

from .personal_data import member_registrations_filter


def course_sessions(request, course):
    """The upcoming sessions of the workshops linked to ``course`` ("Prepare with the course …")."""
    from .views import upcoming_sessions

    if course is None or not course.pk:
        return ""
    sessions = upcoming_sessions().filter(page__course=course)[:5]
    sessions = list(sessions)
    if not sessions:
        return ""
    return render_to_string("events/includes/course_sessions.html", {"sessions": sessions, "request": request})


def dashboard_sessions(request):
    """ "Mes formations": the member's upcoming and past sessions, with the meeting link once confirmed."""
    from .models import Registration

    user = request.user
    registrations = list(
        Registration.objects.filter(member_registrations_filter(user))
        .exclude(status=Registration.Status.PENDING)
        .select_related("session", "session__page")
        .order_by("session__starts_at")
    )
    now = timezone.now()
    upcoming = [r for r in registrations if r.session.ends_at > now and not r.is_cancelled]
    past = [r for r in registrations if r.session.ends_at <= now and not r.is_cancelled][::-1]
    return render_to_string(
        "events/includes/dashboard_sessions.html", {"upcoming": upcoming, "past": past, "request": request}, request
    )
