"""Learner-facing views of the courses app: catalogue, course, lesson steps and "Mes formations".

Page contexts are built here and called from the page models' ``get_context``; every function
uses a fixed number of queries whatever the number of courses, steps or learners.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.images import get_image_model
from wagtail.models import Page

from home.pagination import TwoEndedPaginator
from home.site_url import absolute

from .forms import CatalogueFilterForm
from .models import Certificate, CoursePage, Enrollment, LessonPage, QuizPage, Theme, Trainer
from .progress import (
    course_progress,
    ensure_enrollment,
    percent_by_course,
    record_lesson_completion,
    session_lesson_ids,
)
from .session_progress import remember_lesson

COURSES_PER_PAGE = 12


def _images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


def course_cards_queryset():
    """Live courses with what a card shows (theme, cover image and its renditions) prefetched."""
    return (
        CoursePage.objects.live()
        .select_related("theme")
        .prefetch_related(Prefetch("cover_image", queryset=_images_with_renditions()))
    )


def attach_progress(courses, request):
    """Set ``course.progress_percent`` / ``progress_counts`` on each course for the current visitor."""
    user = request.user if request is not None else None
    session = request.session if request is not None and hasattr(request, "session") else None
    if (user is None or not user.is_authenticated) and not session_lesson_ids(session):
        counts = {}  # a visitor without any progress: nothing to look up
    else:
        counts = percent_by_course(courses, user=user, session=session)
    for course in courses:
        finished, total = counts.get(course.pk, (0, 0))
        course.progress_counts = (finished, total)
        course.progress_percent = round(100 * finished / total) if total else 0
        course.progress_started = finished > 0
    return courses


def catalogue_context(index, request):
    themes = list(Theme.objects.filter(courses__live=True).distinct().order_by("name"))
    form = CatalogueFilterForm(request.GET or None, themes=themes)
    courses = course_cards_queryset().child_of(index)
    if form.is_bound:
        courses = form.filter(courses)
    paginator = TwoEndedPaginator(courses.order_by("path"), COURSES_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    cards = list(page_obj.object_list)
    attach_progress(cards, request)
    from .paths import paths_of_catalogue

    return {
        "paths": paths_of_catalogue(index),
        "filter_form": form,
        "courses": cards,
        "page_obj": page_obj,
        "show_progress": request.user.is_authenticated or bool(session_lesson_ids(request.session)),
    }


def _preview_steps(course):
    """Every step of the course in learner order, drafts included (marked): what the course will list
    once they are published. Previews only; learners see the published steps."""
    if course.pk is None:
        return []
    steps = Page.objects.child_of(course).type(LessonPage, QuizPage).order_by("path").defer_streamfields()
    return [
        {"page": step, "is_quiz": isinstance(step, QuizPage), "is_draft": not step.live} for step in steps.specific()
    ]


def course_context(course, request):
    from .guidance import next_step_of

    progress = course_progress(course, user=request.user, session=request.session)
    resume = progress.first_unfinished
    return {
        "next_step": next_step_of(progress),
        "preview_steps": _preview_steps(course) if getattr(request, "is_preview", False) else [],
        "progress": progress,
        "resume_step": resume,
        "trainers": _trainers(course, request),
        "prerequisite_courses": sorted(
            (other for other in course.prerequisite_courses.all() if other.live), key=lambda other: other.title
        ),
        "enrollment": (
            Enrollment.objects.filter(user=request.user, course=course).first()
            if request.user.is_authenticated and course.pk  # a course previewed before its first save has none
            else None
        ),
    }


def _trainers(course, request):
    if getattr(request, "is_preview", False):
        # A preview shows the draft's choice, held in memory by modelcluster.
        return sorted(course.trainers.all(), key=lambda trainer: trainer.name)
    return list(
        Trainer.objects.filter(courses=course)
        .prefetch_related(Prefetch("photo", queryset=_images_with_renditions()))
        .order_by("name")
    )


def preview_steps(course, previewed):
    """In an editor's preview, the course as it will be once published: every step, drafts included,
    with the previewed version of this one (a page not saved yet comes where Wagtail's preview put it,
    at the end), so the preview shows "Étape N sur M" and the step navigation learners will get."""
    steps = [previewed if page.pk == previewed.pk else page for page in course.get_outline_steps()]
    if previewed.pk is None or all(page.pk != previewed.pk for page in steps):
        steps.append(previewed)
    return sorted(steps, key=lambda page: page.path)


def step_context(step_page, request):
    # The course is the parent page: routing attached it (home/routing.py), else one query by path
    # (get_parent().specific would take two).
    course = getattr(step_page, "_cached_parent_obj", None)
    if not isinstance(course, CoursePage):
        parent_path = (step_page.path or "")[: -step_page.steplen]
        course = CoursePage.objects.filter(path=parent_path).first() if parent_path else None
    if course is None:
        return {}
    steps = preview_steps(course, step_page) if getattr(request, "is_preview", False) else None
    progress = course_progress(course, user=request.user, session=request.session, steps=steps)
    from .guidance import next_step_of

    previous, following = progress.neighbours(step_page)
    return {
        "next_step_to_attestation": next_step_of(progress),
        "course": course,
        "progress": progress,
        "current_step": progress.step_for(step_page),
        "previous_step": previous,
        "next_step": following,
    }


def start_course(request, course):
    """``commencer/``: go to the first unfinished step (the first step when all are finished)."""
    progress = course_progress(course, user=request.user, session=request.session)
    if not progress.steps:
        messages.info(request, _("This course has no lessons yet."))
        return redirect(course.get_url(request))
    if request.user.is_authenticated:
        ensure_enrollment(request.user, course)
    step = progress.first_unfinished or progress.steps[0]
    return redirect(step.page.get_url(request))


def complete_lesson(request, lesson):
    """``terminer/`` (POST): mark the lesson done, then go to the next step."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    course = lesson.get_parent().specific
    newly_done = False
    if request.user.is_authenticated:
        was_complete = Enrollment.objects.filter(
            user=request.user, course_id=course.pk, completed_at__isnull=False
        ).exists()
        record_lesson_completion(request.user, lesson)
        newly_done = not was_complete
    else:
        remember_lesson(request.session, lesson)
    progress = course_progress(course, user=request.user, session=request.session)
    if progress.is_complete:
        celebration = celebration_url(request.user, course) if newly_done else None
        if celebration:
            return redirect(celebration)
        messages.success(request, _("Well done: you have finished this course!"))
        return redirect(course.get_url(request))
    _previous, following = progress.neighbours(lesson)
    if request.user.is_authenticated:
        messages.success(request, _("Lesson marked as done."))
    else:
        messages.success(
            request,
            _("Lesson marked as done. Log in or create an account to keep your progress: it will be kept."),
        )
    if following is not None:
        return redirect(following.page.get_url(request))
    resume = progress.first_unfinished
    return redirect((resume.page if resume else course).get_url(request))


def complete_lesson_anonymously(request, lesson):
    """``formulaires/lecon-terminee/<id>/`` (POST, no CSRF token): the progress of a visitor without an
    account, kept in their session. A member is sent back to the lesson, whose form carries a token."""
    if request.user.is_authenticated:
        return redirect(lesson.get_url(request))
    return complete_lesson(request, lesson)


@login_required
def dashboard(request):
    """ "Mes formations": the learner's own courses only, in progress then completed."""
    enrollments = list(
        Enrollment.objects.filter(user=request.user, course__live=True)
        .select_related("course", "course__theme", "certificate")
        .prefetch_related(Prefetch("course__cover_image", queryset=_images_with_renditions()))
        .order_by("-started_at")
    )
    from .guidance import next_steps_by_course

    courses = [enrollment.course for enrollment in enrollments]
    attach_progress(courses, request)
    in_progress = [e for e in enrollments if e.completed_at is None]
    next_steps = next_steps_by_course([e.course for e in in_progress], request.user)
    for enrollment in in_progress:
        enrollment.course.next_step = next_steps.get(enrollment.course.pk)
    completed = [e for e in enrollments if e.completed_at is not None]
    completed.sort(key=lambda e: e.completed_at, reverse=True)
    return render(
        request,
        "courses/dashboard.html",
        {"in_progress": in_progress, "completed": completed, "catalogue": _catalogue_page()},
    )


def _catalogue_page():
    from .models import CourseIndexPage

    return CourseIndexPage.objects.live().first()


# --- Certificates --------------------------------------------------------------------------------

# What a certificate code can be made of; anything else is refused before it reaches a URL or a query
# (a "/" cannot be reversed, PostgreSQL refuses NUL characters).
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,32}")


def _own_certificate(request, code):
    """The learner's own certificate; anyone else's (or an unknown code) is a 404."""
    code = str(code).strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise Http404(_("No certificate of yours has this code."))
    certificate = (
        Certificate.objects.filter(code=code, enrollment__user=request.user)
        .select_related("enrollment__course")
        .first()
    )
    if certificate is None:
        raise Http404(_("No certificate of yours has this code."))
    return certificate


def _verify_url(request, certificate):
    return absolute(reverse("courses:certificate_verify", kwargs={"code": certificate.code}), request)


@login_required
def certificate(request, code):
    """The learner's certificate page: what it says, the PDF, the public verification link."""
    cert = _own_certificate(request, code)
    return render(
        request,
        "courses/certificate.html",
        {
            "certificate": cert,
            "course": cert.enrollment.course,
            "verify_url": _verify_url(request, cert),
            "linkedin_url": linkedin_add_url(request, cert),
        },
    )


def celebration_url(user, course):
    """Where finishing ``course`` leads: its attestation's celebration page (``None`` without one)."""
    code = (
        Certificate.objects.filter(enrollment__user=user, enrollment__course_id=course.pk)
        .values_list("code", flat=True)
        .first()
    )
    return reverse("courses:certificate_celebration", kwargs={"code": code}) if code else None


@login_required
def certificate_celebration(request, code):
    """The page a learner lands on when they finish a course: the attestation, its download and the
    ways to share it, right there."""
    cert = _own_certificate(request, code)
    return render(
        request,
        "courses/certificate_celebration.html",
        {
            "certificate": cert,
            "course": cert.enrollment.course,
            "verify_url": _verify_url(request, cert),
            "linkedin_url": linkedin_add_url(request, cert),
        },
    )


def linkedin_add_url(request, cert):
    """LinkedIn's plain "add to profile" link (a certification, pre-filled; no script, no tracking
    until the learner follows it)."""
    from urllib.parse import urlencode

    from home.models import OrganisationSettings

    organisation = OrganisationSettings.for_request(request)
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": cert.course_title,
        "organizationName": organisation.name or "Webassoc",
        "issueYear": cert.issued_at.year,
        "issueMonth": cert.issued_at.month,
        "certUrl": _verify_url(request, cert),
        "certId": cert.code,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


@login_required
def certificate_pdf(request, code):
    from home.models import OrganisationSettings

    from .certificates import certificate_pdf as render_pdf

    cert = _own_certificate(request, code)
    organisation = OrganisationSettings.for_request(request)
    content = render_pdf(cert, organisation.name or "Webassoc", _verify_url(request, cert))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestation-{cert.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def certificate_verify(request, code=None):
    """Public check of a certificate by its code: shows only the name, the course and the date.

    Whatever was typed, only letters and digits go into the address and the query: anything else can
    be no certificate's code (and a "/" cannot be reversed, a NUL cannot reach PostgreSQL)."""
    if code is None:
        typed = request.GET.get("code", "").strip().upper().replace(" ", "").replace("-", "")
        if typed and CODE_PATTERN.fullmatch(typed):
            return redirect("courses:certificate_verify", code=typed)
        context = {"certificate": None, "code": typed[:40]}
        return render(request, "courses/certificate_verify.html", context, status=404 if typed else 200)
    code = str(code).upper()
    if not CODE_PATTERN.fullmatch(code):
        return render(request, "courses/certificate_verify.html", {"certificate": None, "code": code[:40]}, status=404)
    cert = Certificate.objects.filter(code=code).only("code", "learner_name", "course_title", "issued_at").first()
    is_path = False
    if cert is None:
        from .models import PathCertificate

        cert = PathCertificate.objects.filter(code=code).only("code", "learner_name", "path_title", "issued_at").first()
        is_path = cert is not None
    if cert is None:
        return render(request, "courses/certificate_verify.html", {"certificate": None, "code": code}, status=404)
    context = {"certificate": cert, "code": cert.code, "is_path": is_path}
    return render(request, "courses/certificate_verify.html", context)
