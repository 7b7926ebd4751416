"""Visitor-facing views of the community, called from the pages' routes.

Every personal page (reached with a signed link, or from an account) is ``never_cache``: neither the
HTTP cache in front (docs/caching.md) nor a browser keeps it. No input ends in a server error: forged or
replayed links get the "invalid link" page or the answer already given, and change nothing.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.optin import TokenExpired, TokenInvalid, email_rate_limited, object_from_token, read_token
from home.pagination import TwoEndedPaginator
from home.ratelimit import hashed_client_ip, is_rate_limited, rate_limited_response
from manifesto.models import Signature

from .forms import FollowUpForm, HelpRequestForm, VolunteerFilterForm
from .models import CLOSED_STATUSES, HelpRequest, Proposal, Status, VolunteerPage
from .tasks import send_confirmation_email, send_introduction_email
from .tokens import ANSWER_SALT, CONFIRM_SALT, FOLLOW_UP_SALT, VOLUNTEER_SALT, confirmation_max_age

VOLUNTEERS_PER_PAGE = 24


def setting(name, default):
    return getattr(settings, name, default)


def base_context(request, page, **extra):
    return {"page": page, "self": page, "request": request, **extra}


# --- the help request form ------------------------------------------------------------------------


def form_context(page, request, form=None):
    privacy = page.privacy_page
    return {
        "form": form or HelpRequestForm(),
        "privacy_url": privacy.get_url(request) if privacy is not None and privacy.live else "",
    }


def request_form(request, page):
    if request.method in ("GET", "HEAD"):
        return page.render(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if is_rate_limited(request, "community-request", setting("COMMUNITY_REQUEST_RATE", "10/h")):
        return rate_limited_response(request)
    pending_url = page.get_url(request) + page.reverse_subpage("pending")
    form = HelpRequestForm(request.POST)
    valid = form.is_valid()
    if form.looks_like_a_robot():
        return HttpResponseRedirect(pending_url)  # answer as if all went well; keep nothing
    if form.filled_too_fast(setting("COMMUNITY_MIN_FILL_SECONDS", 3)):
        form.add_error(None, _("Please check your details and send the form again."))
        valid = False
    if not valid:
        return page.render(request, form=form)
    help_request = HelpRequest.objects.create(
        page=page,
        consent_at=timezone.now(),
        language=get_language() or settings.LANGUAGE_CODE,
        ip_hash=hashed_client_ip(request),
        **form.request_values(),
    )
    rate = setting("COMMUNITY_EMAIL_RATE", "3/h")
    if not email_rate_limited(request, "community-email", help_request.email_normalized, rate):
        send_confirmation_email.enqueue(help_request.pk)
    return HttpResponseRedirect(pending_url)


def pending(request, page):
    return TemplateResponse(request, "community/pending.html", base_context(request, page))


def _invalid_link(request, page, status=404):
    return TemplateResponse(request, "community/invalid_link.html", base_context(request, page), status=status)


def _from_token(request, page, queryset, token, salt):
    try:
        return object_from_token(queryset, token, salt)
    except (TokenInvalid, TokenExpired):
        return None


@never_cache
def confirm(request, page, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    help_request = _from_token(request, page, HelpRequest.objects.filter(anonymised_at=None), token, CONFIRM_SALT)
    if help_request is None:
        return _invalid_link(request, page)
    context = base_context(request, page, help_request=help_request)
    if help_request.is_confirmed:
        return TemplateResponse(request, "community/confirmed.html", context)
    try:
        read_token(token, CONFIRM_SALT, max_age=confirmation_max_age())
    except (TokenExpired, TokenInvalid):
        return TemplateResponse(request, "community/expired.html", context, status=410)
    if request.method == "POST":
        help_request.confirm()
        return HttpResponseRedirect(request.path)
    return TemplateResponse(request, "community/confirm.html", context)


# --- the volunteer's answer and the follow-up ------------------------------------------------------


def _proposal_queryset():
    return Proposal.objects.select_related("request", "signature", "volunteer").filter(request__anonymised_at=None)


@never_cache
def answer(request, page, token):
    """A volunteer's personal link: "Je suis disponible" / "Pas cette fois", then the follow-up question."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    proposal = _from_token(request, page, _proposal_queryset(), token, ANSWER_SALT)
    if proposal is None:
        return _invalid_link(request, page)
    help_request = proposal.request
    context = base_context(request, page, proposal=proposal, help_request=help_request)
    asking_follow_up = (
        proposal.answer == Proposal.Answer.ACCEPTED and help_request.follow_up_sent_at and not proposal.outcome
    )
    if request.method == "POST":
        choice = request.POST.get("answer", "")
        if asking_follow_up:
            form = FollowUpForm(request.POST)
            if form.is_valid():
                Proposal.objects.filter(pk=proposal.pk, outcome="").update(outcome=form.cleaned_data["outcome"])
                help_request.close(form.cleaned_data["outcome"])
                return HttpResponseRedirect(request.path)
            context["follow_up_form"] = form
            return TemplateResponse(request, "community/answer.html", context, status=400)
        if choice == "accept" and not proposal.answer:
            if proposal.accept() == Proposal.Answer.ACCEPTED:
                send_introduction_email.enqueue(proposal.pk)
        elif choice == "decline" and not proposal.answer:
            proposal.decline()
        return HttpResponseRedirect(request.path)
    if asking_follow_up:
        context["follow_up_form"] = FollowUpForm()
    context["places_taken"] = not proposal.answer and (
        help_request.status in CLOSED_STATUSES or help_request.status == Status.MATCHED
    )
    return TemplateResponse(request, "community/answer.html", context)


@never_cache
def follow_up(request, page, token):
    """The association's "la mission a-t-elle abouti ?": the first answer closes the request."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    help_request = _from_token(request, page, HelpRequest.objects.filter(anonymised_at=None), token, FOLLOW_UP_SALT)
    if help_request is None:
        return _invalid_link(request, page)
    context = base_context(request, page, help_request=help_request)
    if help_request.closed_at:
        return TemplateResponse(request, "community/follow_up.html", context)
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            help_request.close(form.cleaned_data["outcome"])
            return HttpResponseRedirect(request.path)
        context["form"] = form
        return TemplateResponse(request, "community/follow_up.html", context, status=400)
    context["form"] = form
    return TemplateResponse(request, "community/follow_up.html", context)


# --- a volunteer's own page: consent, availability, missions -------------------------------------


def _apply_volunteer_choice(request, signatures=(), profile=None):
    """Apply the button pressed on a volunteer's page. Returns a message, or None for an unknown action."""
    action = request.POST.get("action", "")
    ids = [signature.pk for signature in signatures]
    if action == "withdraw_consent":
        Signature.objects.filter(pk__in=ids).update(volunteer_consent=False, volunteer_consent_at=None)
        return _("You will no longer be asked for missions.")
    if action == "give_consent":
        Signature.objects.filter(pk__in=ids).exclude(departement="").update(
            volunteer_consent=True, volunteer_consent_at=timezone.now(), volunteer_available=True
        )
        return _("You can be asked for missions again.")
    if action == "pause":
        Signature.objects.filter(pk__in=ids).update(volunteer_available=False)
        if profile is not None:
            VolunteerPage.objects.filter(pk=profile.pk).update(agreed_to_missions=False)
        return _("Requests are paused: nobody will ask you until you resume them.")
    if action == "resume":
        Signature.objects.filter(pk__in=ids).update(volunteer_available=True)
        if profile is not None:
            VolunteerPage.objects.filter(pk=profile.pk).update(agreed_to_missions=True)
        return _("Requests are resumed.")
    if action == "withdraw_profile" and profile is not None:
        profile.withdraw()
        return _("Your public profile has been withdrawn from the site.")
    return None


def _missions(signatures=(), profile=None):
    query = Q(signature__in=[signature.pk for signature in signatures])
    if profile is not None:
        query |= Q(volunteer=profile)
    return list(Proposal.objects.filter(query).select_related("request").order_by("-sent_at")[:50])


@never_cache
def signatory_volunteer(request, page, token):
    """A signatory without an account sees and changes their volunteer choices from their personal link."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    signature = _from_token(request, page, Signature.objects.confirmed(), token, VOLUNTEER_SALT)
    if signature is None:
        return _invalid_link(request, page)
    if request.method == "POST":
        message = _apply_volunteer_choice(request, [signature])
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(request.path)
    context = base_context(request, page, signature=signature, missions=_missions([signature]))
    return TemplateResponse(request, "community/volunteer_self.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The member's volunteering: public profile, consent to missions, availability, missions."""
    from manifesto.personal_data import member_signatures

    signatures = list(member_signatures(request.user).filter(confirmed_at__isnull=False))
    profile = VolunteerPage.objects.filter(user=request.user).first()
    if request.method == "POST":
        message = _apply_volunteer_choice(request, signatures, profile)
        if message:
            messages.success(request, message)
        return redirect("community_account")
    context = {
        "signatures": signatures,
        "profile": profile,
        "missions": _missions(signatures, profile),
        "consenting": any(signature.volunteer_consent for signature in signatures),
        "available": all(signature.volunteer_available for signature in signatures)
        and (profile is None or profile.agreed_to_missions),
    }
    return render(request, "community/account.html", context)


# --- volunteers as people -------------------------------------------------------------------------


def visible_volunteers():
    return VolunteerPage.objects.live().public().filter(agreed_to_appear=True)


def volunteer_list_context(page, request):
    form = VolunteerFilterForm(request.GET or None)
    values = form.values()
    volunteers = visible_volunteers().child_of(page)
    if values.get("region"):
        volunteers = volunteers.filter(region=values["region"])
    for word in (values.get("q") or "").split()[:5]:
        volunteers = volunteers.filter(Q(title__icontains=word) | Q(role__icontains=word) | Q(bio__icontains=word))
    volunteers = volunteers.select_related("portrait", "trainer__photo", "author__photo").order_by("title")
    if values.get("skill"):
        # A JSON list cannot be searched inside on every database; the volunteers who agreed to appear
        # are a few hundred at most, read once with their skills.
        volunteers = [volunteer for volunteer in volunteers if values["skill"] in (volunteer.skills or [])]
    paginator = TwoEndedPaginator(volunteers, VOLUNTEERS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "is_filtered": bool(values),
        "page_obj": page_obj,
        "volunteers": list(page_obj.object_list),
    }


def volunteer_profile_context(volunteer, request):
    from courses.models import CoursePage
    from news.models import NewsPage

    from .registry import profile_sections

    courses = []
    if volunteer.trainer_id:
        courses = list(CoursePage.objects.live().public().filter(trainers=volunteer.trainer_id).order_by("title")[:20])
    articles = []
    if volunteer.author_id:
        articles = list(
            NewsPage.objects.live()
            .public()
            .filter(author_links__author_id=volunteer.author_id)
            .order_by("-first_published_at")[:10]
        )
    return {
        "courses": courses,
        "articles": articles,
        "extra_sections": [
            section for section in (build(volunteer, request) for build in profile_sections()) if section
        ],
    }
