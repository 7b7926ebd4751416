"""Learning paths and required prerequisites.

- A ``LearningPathPage`` chains courses; its page shows each course with the learner's progress and
  the next course to take. Completing the last course of a path issues the path attestation, once
  (``PathCertificate``, unique per learner and path), from the ``course_completed`` signal.
- A course whose editors ticked "prerequisite courses are required" keeps its quizzes locked until the
  learner has completed those courses; its lessons stay open. The quiz intro says what is missing, with
  links, and starting an attempt is refused on the server too.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import CoursePage, Enrollment, LearningPathPage, PathCertificate, PathCourse

logger = logging.getLogger(__name__)


def completed_course_ids(user, course_ids):
    if not user or not user.is_authenticated or not course_ids:
        return set()
    return set(
        Enrollment.objects.filter(user=user, course_id__in=course_ids, completed_at__isnull=False).values_list(
            "course_id", flat=True
        )
    )


def missing_prerequisites(course, user):
    """The live prerequisite courses ``user`` has not completed, when ``course`` requires them (two
    queries), else ``[]``."""
    if course is None or not course.prerequisites_required:
        return []
    required = list(course.prerequisite_courses.live().exclude(pk=course.pk).order_by("title"))
    done = completed_course_ids(user, [c.pk for c in required])
    return [c for c in required if c.pk not in done]


def path_context(path, request):
    from .progress import percent_by_course

    courses = path.get_courses()
    user = request.user if request.user.is_authenticated else None
    counts = percent_by_course(courses, user=user, session=getattr(request, "session", None))
    done = completed_course_ids(user, [c.pk for c in courses])
    items = []
    for number, course in enumerate(courses, start=1):
        finished, total = counts.get(course.pk, (0, 0))
        items.append(
            {
                "number": number,
                "course": course,
                "finished": finished,
                "total": total,
                "percent": round(100 * finished / total) if total else 0,
                "completed": course.pk in done,
            }
        )
    next_item = next((item for item in items if not item["completed"]), None)
    certificate = (
        PathCertificate.objects.filter(user=user, path=path).first() if user and not next_item and items else None
    )
    return {
        "path_items": items,
        "path_next": next_item,
        "path_done_count": sum(1 for item in items if item["completed"]),
        "path_certificate": certificate,
    }


def issue_path_certificates(user, course):
    """Issue the attestation of every path that ``course`` completes for ``user`` (idempotent)."""
    issued = []
    for path in LearningPathPage.objects.live().filter(path_courses__course=course, issues_attestation=True).distinct():
        courses = path.get_courses()
        if not courses or completed_course_ids(user, [c.pk for c in courses]) != {c.pk for c in courses}:
            continue
        try:
            with transaction.atomic():
                certificate, _created = PathCertificate.objects.get_or_create(
                    user=user,
                    path=path,
                    defaults={
                        "learner_name": (user.get_full_name() or user.email)[:300],
                        "path_title": path.title[:255],
                        "course_titles": [c.title for c in courses],
                    },
                )
        except IntegrityError:  # issued by a simultaneous completion
            certificate = PathCertificate.objects.get(user=user, path=path)
        issued.append(certificate)
    return issued


def on_course_completed(sender, enrollment, **kwargs):
    issue_path_certificates(enrollment.user, enrollment.course)


def paths_of_catalogue(index):
    return list(LearningPathPage.objects.live().public().child_of(index).order_by("path"))


@login_required
def path_certificate(request, code):
    code = str(code).strip().upper()
    certificate = (
        PathCertificate.objects.filter(code=code, user=request.user).select_related("path").first()
        if code.isalnum() and len(code) <= 32
        else None
    )
    if certificate is None:
        raise Http404(_("No certificate of yours has this code."))
    return render(request, "courses/path_certificate.html", {"certificate": certificate})


__all__ = ["CoursePage", "PathCourse", "missing_prerequisites", "path_context"]
