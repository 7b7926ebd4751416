"""Visitor-facing views of the manifesto, called from ``ManifestoPage``'s routes.

Every view uses a fixed number of queries whatever the number of signatures, and none can end in a
server error whatever is sent (huge, empty or mis-encoded values, forged tokens, bad page numbers).
"""

import hashlib
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
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
from .tasks import ALREADY_CONFIRMED, CONFIRM, PENDING_UNCHANGED, send_signature_email
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
# In the visitor's session after signing: the address the e-mail went to, the signature to resend it
# for, and what was typed (to correct the address without typing everything again).
PENDING_SESSION_KEY = "manifesto_pending"
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
    previous = _pending_of(request, page)
    signature, kind, created = record_signature(page, form.signature_values(), request)
    if kind and not _email_rate_limited(request, signature):
        send_signature_email.enqueue(signature.pk, kind)
    correcting = request.POST.get("correction") == "1"
    if correcting and previous and previous.get("created") and previous.get("signature") != signature.pk:
        # A correction of the address (the form of ``correct``): the signature this browser created
        # with the wrong address, never confirmed, goes (it could only ever be purged). Signing
        # again for someone else from the same browser deletes nothing.
        Signature.objects.filter(manifesto=page, pk=previous["signature"], confirmed_at__isnull=True).delete()
    request.session[PENDING_SESSION_KEY] = {
        "page": page.pk,
        "signature": signature.pk,
        "email": form.cleaned_data["email"].strip(),
        # Whether this browser created the signature: only then may it change the details later.
        "created": created or bool(previous and previous.get("created") and previous["signature"] == signature.pk),
        "values": form.kept_values(),
    }
    return HttpResponseRedirect(pending_url)


def _pending_of(request, page):
    """The signing this browser just made on ``page``, from the session, or None."""
    pending = request.session.get(PENDING_SESSION_KEY) if hasattr(request, "session") else None
    if isinstance(pending, dict) and pending.get("page") == page.pk:
        return pending
    return None


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

    Returns ``(signature, e-mail kind, created)``. Two simultaneous submissions of one address end with one
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
        return signature, CONFIRM, True
    if signature.is_confirmed:
        return signature, ALREADY_CONFIRMED, False
    previous = _pending_of(request, page)
    if previous and previous.get("created") and previous.get("signature") == signature.pk:
        # This browser created the pending signature (a correction, or signing again once the link
        # expired): its details are the ones typed now.
        for field, value in values.items():
            setattr(signature, field, value)
        signature.save()
        return signature, CONFIRM, False
    # Anyone else who types this address changes nothing (name, message, visibility and newsletter
    # consent stay the owner's); the owner is told by e-mail and the page answers as for a first signature.
    return signature, PENDING_UNCHANGED, False


@never_cache
def pending(request, page):
    """ "Check your mailbox": names the address, offers to resend the e-mail (POST) or correct it.

    Nothing here tells whether the address had signed before: the same page, the same messages and
    the same e-mail as signing again (already confirmed or a new link), at most a few an hour.
    """
    pending = _pending_of(request, page)
    if request.method == "POST":
        if pending is None:
            return HttpResponseRedirect(request.path)
        if is_rate_limited(request, "manifesto-sign", setting("MANIFESTO_SIGN_RATE", "20/h")):
            return rate_limited_response(request)
        signature = Signature.objects.filter(manifesto=page, pk=pending["signature"]).first()
        if signature is None:
            # Withdrawn or purged meanwhile: the form is there to sign again.
            request.session.pop(PENDING_SESSION_KEY, None)
            return HttpResponseRedirect(page.get_url(request) + "#signer")
        if _email_rate_limited(request, signature):
            messages.error(
                request,
                _(
                    "Several e-mails have already been sent to this address in the last hour. Wait a little, then look in your spam folder."
                ),
            )
        else:
            if signature.is_confirmed:
                kind = ALREADY_CONFIRMED
            else:
                kind = CONFIRM if pending.get("created") else PENDING_UNCHANGED
            send_signature_email.enqueue(signature.pk, kind)
            messages.success(request, _("The e-mail has been sent again to %(email)s.") % {"email": pending["email"]})
        return HttpResponseRedirect(request.path)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return TemplateResponse(
        request,
        "manifesto/pending.html",
        base_context(
            request,
            page,
            pending_email=pending["email"] if pending else "",
            expiry_days=confirmation_max_age() // (24 * 3600),
        ),
    )


@never_cache
def correct(request, page):
    """The form again, filled with what was typed, to correct the address (it posts to the page)."""
    pending = _pending_of(request, page)
    if pending is None or not page.is_open:
        return HttpResponseRedirect(page.get_url(request) + "#signer")
    form = SignatureForm(initial=pending.get("values") or {}, professions=professions_of(page))
    form.fields["email"].widget.attrs["autofocus"] = True
    return page.render(request, form=form, correction=True)


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
# HTTP cache in front nor by a browser.
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
        context["expiry_days"] = confirmation_max_age() // (24 * 3600)
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
    wall_url = page.get_url(request) + page.reverse_subpage("wall")
    context = base_context(
        request,
        page,
        filter_form=form,
        page_obj=page_obj,
        signatures=list(page_obj.object_list),
        signature_count=page.signature_count,
        wall_url=wall_url,
        # Each page of the list is its own canonical address (search engines index every page).
        canonical_url=wall_url + (f"?page={page_obj.number}" if page_obj.number > 1 else ""),
    )
    return TemplateResponse(request, "manifesto/wall.html", context)
