"""Visitor-facing views of the manifesto, called from ``ManifestoPage``'s routes.

Every view uses a fixed number of queries whatever the number of signatures, and none can end in a
server error whatever is sent (huge, empty or mis-encoded values, forged tokens, bad page numbers).
"""

import hashlib
from urllib.parse import quote

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from home.cache import generation_cached
from home.pagination import TwoEndedPaginator
from home.ratelimit import hashed_client_ip, is_rate_limited, rate_limited_response

from .forms import SignatureForm, WallFilterForm
from .models import Signature
from .tasks import ALREADY_CONFIRMED, CONFIRM, send_signature_email
from .tokens import (
    CONFIRM_SALT,
    WITHDRAW_SALT,
    TokenExpired,
    TokenInvalid,
    confirmation_max_age,
    normalize_email,
    read_token,
    seconds_since_form_started,
)

LATEST_SIGNATURES = 6
WALL_PAGE_SIZE = 30


def setting(name, default):
    return getattr(settings, name, default)


def base_context(request, page, **extra):
    return {"page": page, "self": page, "request": request, **extra}


def share_links(page, request):
    """Plain share links (no third-party script): the page's address and a short text with the count."""
    url = page.get_full_url(request) or ""
    text = _("I signed “%(title)s”: %(count)s") % {"title": page.title, "count": page.count_text()}
    u, t = quote(url, safe=""), quote(text, safe="")
    return [
        {"name": "Mastodon", "url": f"https://mastodon.social/share?text={t}%20{u}"},
        {"name": "Bluesky", "url": f"https://bsky.app/intent/compose?text={t}%20{u}"},
        {"name": "LinkedIn", "url": f"https://www.linkedin.com/sharing/share-offsite/?url={u}"},
        {"name": "Facebook", "url": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"name": _("E-mail"), "url": f"mailto:?subject={quote(page.title, safe='')}&body={t}%20{u}"},
    ]


def professions_of(page):
    return list(page.professions.all())


def page_context(page, request, form=None):
    """Context of the manifesto page itself (also used by the editor's preview)."""
    context = {
        "signature_count": page.signature_count,
        "share_links": share_links(page, request),
        "latest_signatures": (
            list(
                Signature.objects.filter(manifesto_id=page.pk)
                .on_wall()
                .only("first_name", "last_name", "role", "organisation", "city", "confirmed_at")
                .order_by("-confirmed_at", "-pk")[:LATEST_SIGNATURES]
            )
            if page.show_wall
            else []
        ),
    }
    if page.is_open:
        context["form"] = form or SignatureForm(professions=professions_of(page))
        privacy = page.privacy_page
        context["privacy_url"] = privacy.get_url(request) if privacy is not None and privacy.live else ""
    return context


# --- signing ------------------------------------------------------------------------------------


def manifesto_page(request, page):
    if request.method in ("GET", "HEAD"):
        return page.render(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if not page.is_open:
        return HttpResponseRedirect(page.get_url(request))
    if is_rate_limited(request, "manifesto-sign", setting("MANIFESTO_SIGN_RATE", "20/h")):
        return rate_limited_response(request)
    pending_url = page.get_url(request) + page.reverse_subpage("pending")
    if request.POST.get("website", ""):
        # The honeypot was filled: only robots do that. Answer as if all went well; keep nothing.
        return HttpResponseRedirect(pending_url)
    form = SignatureForm(request.POST, professions=professions_of(page))
    valid = form.is_valid()
    elapsed = seconds_since_form_started(form.submitted_started)
    if elapsed is None or elapsed < setting("MANIFESTO_MIN_FILL_SECONDS", 3):
        form.add_error(None, _("Please check your details and send the form again."))
        valid = False
    if not valid:
        return page.render(request, form=form)
    signature, kind = record_signature(page, form.signature_values(), request)
    if kind and not _email_rate_limited(request, signature):
        send_signature_email.enqueue(signature.pk, kind, request.build_absolute_uri("/").rstrip("/"))
    return HttpResponseRedirect(pending_url)


def _email_rate_limited(request, signature):
    """At most a few e-mails an hour to one address, however many times it is submitted."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{signature.email_normalized}".encode()).hexdigest()
    return is_ratelimited(
        request,
        group="manifesto-email",
        key=lambda _group, _request: digest,
        rate=setting("MANIFESTO_EMAIL_RATE", "3/h"),
        increment=True,
    )


def record_signature(page, values, request):
    """Create the signature, or find the one with the same normalised address (never a second one).

    Returns ``(signature, e-mail kind)``. Two simultaneous submissions of one address end with one
    signature: the database's unique constraint stops the second insert and we read the first.
    """
    email_normalized = normalize_email(values["email"])
    values = {
        **values,
        "revision_id": page.live_revision_id,
        "language": get_language() or settings.LANGUAGE_CODE,
        "ip_hash": hashed_client_ip(request),
    }
    try:
        with transaction.atomic():
            signature, created = Signature.objects.get_or_create(
                manifesto=page, email_normalized=email_normalized, defaults=values
            )
    except IntegrityError:
        signature, created = Signature.objects.get(manifesto=page, email_normalized=email_normalized), False
    if created:
        return signature, CONFIRM
    if signature.is_confirmed:
        return signature, ALREADY_CONFIRMED
    # Still awaiting confirmation: keep the latest details (nothing shows before confirmation anyway).
    for field, value in values.items():
        setattr(signature, field, value)
    signature.save()
    return signature, CONFIRM


def pending(request, page):
    return TemplateResponse(request, "manifesto/pending.html", base_context(request, page))


# --- confirmation and withdrawal -------------------------------------------------------------------


def _signature_from_token(page, token, salt):
    """The signature a token points at, or None when it no longer exists. Raises TokenInvalid."""
    pk, secret = read_token(token, salt)
    signature = Signature.objects.filter(pk=pk, manifesto=page).first()
    if signature is not None and not constant_time_compare(signature.secret, secret):
        raise TokenInvalid
    return signature


def _invalid_link(request, page, status=404):
    return TemplateResponse(request, "manifesto/invalid_link.html", base_context(request, page), status=status)


# Personal pages (reached with a token of one signatory, and changing once used): never stored by the
# page cache nor by a browser or proxy.
@never_cache
def confirm(request, page, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        signature = _signature_from_token(page, token, CONFIRM_SALT)
    except TokenInvalid:
        return _invalid_link(request, page)
    if signature is None:
        return _invalid_link(request, page)
    context = base_context(request, page, signature=signature, token=token)
    if signature.is_confirmed:
        context["share_links"] = share_links(page, request)
        return TemplateResponse(request, "manifesto/confirmed.html", context)
    try:
        read_token(token, CONFIRM_SALT, max_age=confirmation_max_age())
    except (TokenExpired, TokenInvalid):
        return TemplateResponse(request, "manifesto/expired.html", context, status=410)
    if not page.is_open:
        return TemplateResponse(request, "manifesto/closed.html", context, status=410)
    if request.method == "POST":
        signature.confirm()
        return HttpResponseRedirect(request.path)
    return TemplateResponse(request, "manifesto/confirm.html", context)


@never_cache
def withdraw(request, page, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        signature = _signature_from_token(page, token, WITHDRAW_SALT)
    except (TokenInvalid, TokenExpired):
        return _invalid_link(request, page)
    context = base_context(request, page, signature=signature, token=token)
    if signature is None:
        return TemplateResponse(request, "manifesto/withdrawn.html", context)
    if request.method == "POST":
        signature.delete()  # the count goes down with it (signals.py)
        context["signature"] = None
        context["just_withdrawn"] = True
        return TemplateResponse(request, "manifesto/withdrawn.html", context)
    return TemplateResponse(request, "manifesto/withdraw.html", context)


# --- the public list -------------------------------------------------------------------------------


WALL_COUNT_SECONDS = 60


def wall_count(page, form, signatures):
    """How many signatures the list (as filtered by ``form``) holds.

    Counting 100,000 signatures costs more than the rest of the page: without a text search, the count
    is kept in the cache for a minute under the stored count of confirmed signatures, so that a new
    confirmation or a withdrawal shows at the next visit, and a moderator's hiding within a minute. A
    text search (any words) is counted each time.
    """
    data = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    if data.get("q"):
        return signatures.count()
    key = f"wall-count:{page.pk}:{page.signature_count}:{data.get('profession') or ''}"
    return generation_cached(key, signatures.count, timeout=WALL_COUNT_SECONDS)


def wall(request, page):
    if not page.show_wall:
        raise Http404
    professions = professions_of(page)
    form = WallFilterForm(request.GET or None, professions=professions)
    signatures = Signature.objects.filter(manifesto_id=page.pk).on_wall()
    if form.is_bound:
        signatures = form.filter(signatures)
    signatures = signatures.only(
        "first_name", "last_name", "role", "organisation", "city", "message", "confirmed_at"
    ).order_by("-confirmed_at", "-pk")
    paginator = TwoEndedPaginator(signatures, WALL_PAGE_SIZE)
    paginator.count = wall_count(page, form, signatures)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = base_context(
        request,
        page,
        filter_form=form,
        page_obj=page_obj,
        signatures=list(page_obj.object_list),
        signature_count=page.signature_count,
        wall_url=page.get_url(request) + page.reverse_subpage("wall"),
    )
    return TemplateResponse(request, "manifesto/wall.html", context)
