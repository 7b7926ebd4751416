"""Public views of the live trainings: the agenda, a workshop, registering, confirming, cancelling.

The agenda and the workshop pages are the same for every anonymous visitor (the HTTP cache in front
may keep them for a minute, docs/caching.md: seat counts can be that old). What concerns one person
(the registration form with its anti-spam stamp, the confirmation and cancellation screens, a member's
own status) is either on a screen marked ``never_cache`` or shown only to logged-in members, whose
pages are never shared. The meeting link of an online session is in no template of this module.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.images import get_image_model

from courses.models import Theme
from home.optin import TokenExpired, TokenInvalid, email_rate_limited, normalize_email, object_from_token, read_token
from home.pagination import TwoEndedPaginator
from home.privacy import public_q
from home.ratelimit import is_rate_limited, rate_limited_response

from . import registrations as seats
from .forms import AgendaFilterForm, VisitorRegistrationForm
from .ics import session_calendar
from .models import Registration, Session, WorkshopPage
from .personal_data import member_registrations_filter
from .tasks import CANCEL_SALT, CONFIRM_SALT, confirmation_max_age

SESSIONS_PER_PAGE = 20
Status = Registration.Status


def setting(name, default):
    return getattr(settings, name, default)


def with_confirmed_total(sessions):
    return sessions.annotate(confirmed_total=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)))


def public_sessions(root=None):
    """Sessions of live, public workshops (under ``root``, a page, when given), with their page."""
    sessions = Session.objects.filter(page__live=True).filter(public_q("page__path"))
    if root is not None:
        sessions = sessions.filter(page__path__startswith=root.path)
    images = get_image_model().objects.prefetch_renditions()
    return (
        with_confirmed_total(sessions)
        .select_related("page", "page__theme")
        .prefetch_related(Prefetch("page__cover_image", queryset=images))
    )


def upcoming_sessions(root=None, limit=None):
    """Sessions not yet over and not cancelled, soonest first."""
    sessions = public_sessions(root).filter(ends_at__gt=timezone.now(), cancelled_at__isnull=True)
    sessions = sessions.order_by("starts_at", "pk")
    return list(sessions[:limit]) if limit else sessions


# --- the agenda ----------------------------------------------------------------------------------


def agenda(request, page, archive=False):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    now = timezone.now()
    if archive:
        sessions = public_sessions(page).filter(ends_at__lte=now).order_by("-starts_at", "-pk")
        form = None
    else:
        sessions = public_sessions(page).filter(ends_at__gt=now).order_by("starts_at", "pk")
        themes = Theme.objects.filter(workshops__in=WorkshopPage.objects.live().descendant_of(page)).distinct()
        cities = (
            sessions.exclude(city="").exclude(page__format="online").order_by("city").values_list("city", flat=True)
        )
        months = sessions.datetimes("starts_at", "month")
        form = AgendaFilterForm(
            request.GET or None,
            themes=list(themes.order_by("name")),
            cities=list(dict.fromkeys(cities)),
            months=list(months),
        )
        if form.is_bound:
            sessions = form.filter(sessions)
    paginator = TwoEndedPaginator(sessions, SESSIONS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return page.render(
        request,
        context_overrides={
            "archive": archive,
            "filter_form": form,
            "page_obj": page_obj,
            "sessions": list(page_obj.object_list),
            "agenda_url": page.get_url(request),
            "archive_url": page.get_url(request) + page.reverse_subpage("archive"),
        },
    )


# --- a workshop ----------------------------------------------------------------------------------


def own_registrations(user, sessions):
    """The member's registrations for ``sessions``, by session id (their own data only)."""
    if user is None or not user.is_authenticated or not sessions:
        return {}
    found = Registration.objects.filter(member_registrations_filter(user), session__in=[s.pk for s in sessions if s.pk])
    return {registration.session_id: registration for registration in found}


def workshop_context(page, request):
    if getattr(request, "is_preview", False) or page.pk is None:
        sessions = sorted(page.sessions.all(), key=lambda session: session.starts_at or timezone.now())
    else:
        sessions = list(with_confirmed_total(Session.objects.filter(page=page)).order_by("starts_at", "pk"))
    for session in sessions:
        session.page = page
    upcoming = [session for session in sessions if not session.is_past]
    past = [session for session in sessions if session.is_past]
    course = page.course if page.course_id else None
    return {
        "upcoming_sessions": upcoming,
        "past_sessions": past[::-1],
        "my_registrations": own_registrations(request.user, upcoming),
        "linked_course": course if course is not None and course.live else None,
        "trainers": sorted(page.trainers.all(), key=lambda trainer: trainer.name),
    }


def workshop_page(request, page):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return page.render(request)


def _session_of(page, session_id):
    session = Session.objects.filter(pk=session_id, page=page).first()
    if session is None:
        raise Http404(_("This session does not exist."))
    session.page = page
    return session


def _screen(request, page, template, status=200, **extra):
    context = {"page": page, "self": page, "request": request, **extra}
    return TemplateResponse(request, f"events/{template}.html", context, status=status)


@never_cache
def register(request, page, session_id):
    """GET: the visitor's form (members register from the workshop page). POST: register."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    session = _session_of(page, session_id)
    workshop_url = page.get_url(request)
    if not session.is_open:
        return _screen(request, page, "closed", status=410, session=session)
    if request.method != "POST":
        if request.user.is_authenticated:
            return HttpResponseRedirect(workshop_url)
        return _screen(request, page, "register", session=session, form=VisitorRegistrationForm())
    if is_rate_limited(request, "events-register", setting("EVENTS_REGISTER_RATE", "20/h")):
        return rate_limited_response(request)
    if request.user.is_authenticated:
        return _register_member(request, page, session)
    form = VisitorRegistrationForm(request.POST)
    pending_url = page.get_url(request) + page.reverse_subpage("pending")
    valid = form.is_valid()
    if form.looks_like_a_robot():
        return HttpResponseRedirect(pending_url)  # as if all went well; nothing kept
    if valid and form.filled_too_fast(setting("EVENTS_MIN_FILL_SECONDS", 3)):
        form.add_error(None, _("Please check your details and send the form again."))
        valid = False
    if not valid:
        return _screen(request, page, "register", session=session, form=form)
    data = form.cleaned_data
    notify = not email_rate_limited(
        request, "events-email", normalize_email(data["email"]), setting("EVENTS_EMAIL_RATE", "3/h")
    )
    outcome = seats.register(
        session,
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        language=get_language() or settings.LANGUAGE_CODE,
        notify=notify,
    )
    if outcome.result == seats.CLOSED:
        return _screen(request, page, "closed", status=410, session=session)
    return HttpResponseRedirect(pending_url)


def _register_member(request, page, session):
    user = request.user
    name = user.get_full_name() or user.email
    organisation = getattr(user, "association", "") or ""
    outcome = seats.register(
        session,
        name=name,
        email=user.email,
        organisation=organisation,
        user=user,
        language=get_language() or settings.LANGUAGE_CODE,
    )
    if outcome.result == seats.CLOSED:
        return _screen(request, page, "closed", status=410, session=session)
    text = {
        seats.CONFIRMED: _("You are registered: your seat is confirmed. The details are in your e-mail."),
        seats.WAITING: _(
            "The session is full: you are on the waiting list. We write to you as soon as a seat frees up."
        ),
        seats.ALREADY: _("You were already registered for this session: nothing has changed."),
    }[outcome.result]
    messages.success(request, text)
    return HttpResponseRedirect(page.get_url(request) + f"#session-{session.pk}")


def pending(request, page):
    return _screen(request, page, "pending")


# --- the e-mailed links ----------------------------------------------------------------------------


def _registration_from_token(page, token, salt):
    registrations = Registration.objects.filter(session__page=page).select_related("session")
    return object_from_token(registrations, token, salt)


@never_cache
def confirm(request, page, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        registration = _registration_from_token(page, token, CONFIRM_SALT)
    except (TokenInvalid, TokenExpired):
        registration = None
    if registration is None:
        return _screen(request, page, "invalid_link", status=404)
    session = registration.session
    session.page = page
    context = {"registration": registration, "session": session}
    if registration.status != Status.PENDING:
        return _screen(request, page, "status", **context)
    try:
        read_token(token, CONFIRM_SALT, max_age=confirmation_max_age())
    except (TokenExpired, TokenInvalid):
        return _screen(request, page, "expired", status=410, **context)
    if not session.is_open:
        return _screen(request, page, "closed", status=410, **context)
    if request.method == "POST":
        seats.confirm_email(registration)
        return HttpResponseRedirect(request.path)
    return _screen(request, page, "confirm", **context)


@never_cache
def cancel_by_link(request, page, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        registration = _registration_from_token(page, token, CANCEL_SALT)
    except (TokenInvalid, TokenExpired):
        registration = None
    if registration is None:
        return _screen(request, page, "invalid_link", status=404)
    session = registration.session
    session.page = page
    context = {"registration": registration, "session": session}
    if registration.is_cancelled:
        return _screen(request, page, "cancelled", **context)
    if session.is_past:
        return _screen(request, page, "status", **context)
    if request.method == "POST":
        seats.cancel_registration(registration)
        return _screen(request, page, "cancelled", just_cancelled=True, **context)
    return _screen(request, page, "cancel", **context)


@login_required
@require_POST
def cancel_own(request, registration_id):
    """The "Cancel" button of "Mes formations": only the member's own registration."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__page"),
        member_registrations_filter(request.user),
        pk=registration_id,
    )
    if registration.session.is_past:
        messages.error(request, _("This session is over: there is nothing to cancel."))
    else:
        _registration, changed = seats.cancel_registration(registration)
        if changed:
            messages.success(
                request,
                _("Your registration for “%(title)s” is cancelled.") % {"title": registration.session.page.title},
            )
    return redirect("courses:dashboard")


# --- calendar files --------------------------------------------------------------------------------


def session_ics(request, page, session_id):
    """ "Add to my calendar": the public file, without the meeting link."""
    session = _session_of(page, session_id)
    content = session_calendar(session, page.get_full_url(request) or "", with_meeting_link=False)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="atelier-{session.pk}.ics"'
    return response
