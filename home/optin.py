"""Double opt-in for the site's public forms: normalised addresses, signed e-mail links, anti-spam.

Shared by every form where a visitor without an account leaves an e-mail address that must be
confirmed before anything counts: manifesto signatures, workshop registrations, help requests.

- ``normalize_email``: one address, one record (case, spaces, ``+tags`` and Gmail dots don't matter).
- ``make_token`` / ``read_token`` / ``object_from_token``: a link carries ``<pk>.<per-object secret>``
  signed with Django's ``TimestampSigner`` and a salt per purpose, so a link can expire (confirmation)
  or not (withdrawal), cannot be forged, and cannot be reused for another object (the secret is
  compared with the database in constant time).
- ``AntiSpamFormMixin``: a honeypot field people never see and a signed "form shown at" stamp that
  gives the minimum fill time; no third party involved.
- ``email_rate_limited``: at most a few e-mails an hour to one address, however often it is submitted.
"""

import base64
import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}
MAX_TOKEN_LENGTH = 200


def normalize_email(email):
    """``" Jean.Dupont+manifeste@GoogleMail.com "`` -> ``"jeandupont@gmail.com"``.

    Surrounding spaces and case never matter; a ``+tag`` is dropped for every domain; for Gmail
    (whose addresses ignore dots) the dots of the local part are dropped too.
    """
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def new_secret():
    """The per-object secret that signed links carry (a model field default)."""
    return secrets.token_urlsafe(12)


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def make_token(pk, secret, salt):
    """URL-safe base64 of the signed ``<pk>.<secret>``: only letters, digits, "-" and "_" (Wagtail's
    page URLs accept nothing else in a path segment)."""
    signed = signing.TimestampSigner(salt=salt).sign(f"{pk}.{secret}")
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_token(token, salt, max_age=None):
    """``(pk, secret)`` from a token; raises ``TokenExpired`` or ``TokenInvalid``."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenInvalid
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as error:  # binascii.Error is a ValueError
        raise TokenInvalid from error
    try:
        value = signing.TimestampSigner(salt=salt).unsign(signed, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    pk, _dot, secret = value.partition(".")
    if not pk.isdigit() or not secret:
        raise TokenInvalid
    return int(pk), secret


def object_from_token(queryset, token, salt, max_age=None, secret_field="secret"):  # noqa: S107
    """The object of ``queryset`` a token points at, or None when it no longer exists.

    Raises ``TokenInvalid`` (forged, or the secret does not match) or ``TokenExpired``."""
    pk, secret = read_token(token, salt, max_age=max_age)
    obj = queryset.filter(pk=pk).first()
    if obj is not None and not constant_time_compare(getattr(obj, secret_field), secret):
        raise TokenInvalid
    return obj


def form_started_value(salt):
    """Hidden field of a public form: when the form was shown, signed so it cannot be forged."""
    return signing.TimestampSigner(salt=salt).sign("form")


def seconds_since_form_started(value, salt, max_age=24 * 3600):
    """Seconds since the form was shown, or None when the value is missing, forged or too old."""
    if not value or len(value) > MAX_TOKEN_LENGTH:
        return None
    signer = signing.TimestampSigner(salt=salt)
    try:
        signer.unsign(value, max_age=max_age)
        started = signing.b62_decode(value.rsplit(signer.sep, 2)[1])
    except (signing.BadSignature, ValueError, IndexError):
        return None
    return time.time() - started


class AntiSpamFormMixin(forms.Form):
    """A honeypot (``website``) and the signed time the form was shown (``started``).

    Subclasses set ``form_salt``. After ``is_valid()``, ``looks_like_a_robot()`` is True when the
    honeypot was filled (answer as if all went well and keep nothing), and ``filled_too_fast()`` when
    the stamp is missing, forged, too old or younger than ``min_seconds`` (show the form again).
    """

    form_salt = "webassoc.form-started"

    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # A fresh time stamp each time the form is shown, including after an error.
        self.initial["started"] = form_started_value(self.form_salt)
        self.submitted_started = ""
        if self.is_bound:
            # Keep what was sent for the fill-time check, and render a fresh stamp if the form comes back.
            self.submitted_started = str(self.data.get("started", ""))
            data = self.data.copy()
            data["started"] = form_started_value(self.form_salt)
            self.data = data

    def looks_like_a_robot(self):
        return bool(self.data.get("website", ""))

    def filled_too_fast(self, min_seconds):
        elapsed = seconds_since_form_started(self.submitted_started, self.form_salt)
        return elapsed is None or elapsed < min_seconds


def email_rate_limited(request, group, email_normalized, rate):
    """True when ``email_normalized`` was sent more than ``rate`` (e.g. "3/h") e-mails of ``group``."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{email_normalized}".encode()).hexdigest()
    return is_ratelimited(request, group=group, key=lambda _group, _request: digest, rate=rate, increment=True)
