"""Views of the verifiable attestations (courses/credentials.py): the issuer's profile with its public
keys, the learner's signed credential, and the public check of a credential file."""

import json
import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from home.models import OrganisationSettings
from home.site_url import absolute, site_root_url

from . import credentials
from .models import Certificate

logger = logging.getLogger(__name__)


def _absolute(request, path):
    return absolute(path, request)


def _issuer_url(request):
    return _absolute(request, reverse("courses:credential_issuer"))


def _issuer_name(request):
    return OrganisationSettings.for_request(request).name or "Webassoc"


def _published_methods(request):
    issuer_url = _issuer_url(request)
    return {f"{issuer_url}#{kid}": multibase for kid, multibase in credentials.published_keys()}


@cache_control(public=True, max_age=3600)
def issuer(request):
    """The issuer's Open Badges profile: who signs the attestations, and the keys to check them."""
    profile = credentials.issuer_profile(_issuer_url(request), _issuer_name(request), site_root_url(request) + "/")
    response = JsonResponse(profile, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response


def signed_course_credential(request, certificate):
    course = certificate.enrollment.course
    course_url = course.get_full_url(request) if course.live else ""
    verify_path = reverse("courses:certificate_verify", kwargs={"code": certificate.code})
    unsecured = credentials.course_credential(
        certificate,
        verify_url=_absolute(request, verify_path),
        issuer_url=_issuer_url(request),
        issuer_name=_issuer_name(request),
        site_url=site_root_url(request) + "/",
        course_url=course_url,
        description=getattr(course, "summary", "") or "",
    )
    return credentials.sign(unsecured, _issuer_url(request), created=certificate.issued_at)


@login_required
def certificate_credential(request, code):
    """The learner's own attestation as a signed Open Badges 3.0 credential (a JSON-LD file)."""
    code = str(code).strip().upper()
    certificate = (
        Certificate.objects.filter(code=code, enrollment__user=request.user)
        .select_related("enrollment__course")
        .first()
        if code.isalnum() and len(code) <= 32
        else None
    )
    if certificate is None:
        raise Http404(_("No certificate of yours has this code."))
    try:
        signed = signed_course_credential(request, certificate)
    except credentials.CredentialError:
        logger.error("Attestation %s: no signing key configured (CREDENTIALS_SIGNING_KEY)", certificate.code)
        raise Http404(_("Digital attestations are not available at the moment.")) from None
    content = json.dumps(signed, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attestation-{certificate.code}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


def _code_from_credential(credential):
    """The attestation code at the end of the credential's id (its public verification address)."""
    identifier = credential.get("id")
    if not isinstance(identifier, str):
        return ""
    code = identifier.rstrip("/").rsplit("/", 1)[-1].upper()
    return code if code.isalnum() and len(code) <= 32 else ""


def check_credential(credential, request):
    """``(outcome, certificate)``: "valid", "withdrawn" (genuine, but the attestation no longer
    exists), "altered" (the signature does not match the content) or "foreign" (not one of ours)."""
    try:
        credentials.verify(credential, _published_methods(request))
    except credentials.InvalidSignature:
        return "altered", None
    except credentials.CredentialError:
        return "foreign", None
    code = _code_from_credential(credential)
    certificate = Certificate.objects.filter(code=code).first() if code else None
    if certificate is None:
        return "withdrawn", None
    return "valid", certificate


@never_cache
def credential_check(request):
    """Public check of an attestation file: anyone who received one can make sure it is genuine."""
    context = {"outcome": None, "certificate": None, "error": ""}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("credential")
        if upload is None:
            context["error"] = _("Choose the attestation file (.json) to check.")
            status = 400
        elif upload.size > credentials.MAX_CREDENTIAL_BYTES:
            context["error"] = _("This file is too large to be an attestation.")
            status = 400
        else:
            try:
                credential = credentials.parse_uploaded(upload.read())
            except credentials.CredentialError:
                context["outcome"] = "foreign"
            else:
                context["outcome"], context["certificate"] = check_credential(credential, request)
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    context["issuer_url"] = _issuer_url(request)
    return render(request, "courses/credential_check.html", context, status=status)
