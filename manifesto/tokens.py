"""E-mail normalisation and the signed links of the manifesto e-mails.

Links carry ``<signature id>.<per-signature secret>`` signed with Django's ``TimestampSigner`` (a salt
per purpose): a confirmation link expires, a withdrawal link does not, and neither can be forged or
reused for another signature (the secret is checked against the database).
"""

import base64
import secrets
import time

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "manifesto.confirm"
WITHDRAW_SALT = "manifesto.withdraw"
FORM_SALT = "manifesto.form-started"

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


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
    return secrets.token_urlsafe(12)


def confirmation_max_age():
    """Seconds a confirmation link stays valid (``MANIFESTO_CONFIRMATION_DAYS``, 7 by default)."""
    return int(getattr(settings, "MANIFESTO_CONFIRMATION_DAYS", 7)) * 24 * 3600


def make_token(signature, salt):
    """URL-safe base64 of the signed value: only letters, digits, "-" and "_" (Wagtail's page URLs
    accept nothing else in a path segment)."""
    signed = signing.TimestampSigner(salt=salt).sign(f"{signature.pk}.{signature.secret}")
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def make_confirm_token(signature):
    return make_token(signature, CONFIRM_SALT)


def make_withdraw_token(signature):
    return make_token(signature, WITHDRAW_SALT)


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def read_token(token, salt, max_age=None):
    """``(signature id, secret)`` from a token; raises ``TokenExpired`` or ``TokenInvalid``."""
    if not token or len(token) > 200:
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


def form_started_value():
    """Hidden field of the sign form: when the form was shown, signed so it cannot be forged."""
    return signing.TimestampSigner(salt=FORM_SALT).sign("form")


def seconds_since_form_started(value, max_age=24 * 3600):
    """Seconds since the form was shown, or None when the value is missing, forged or too old."""
    if not value or len(value) > 200:
        return None
    signer = signing.TimestampSigner(salt=FORM_SALT)
    try:
        signer.unsign(value, max_age=max_age)
        started = signing.b62_decode(value.rsplit(signer.sep, 2)[1])
    except (signing.BadSignature, ValueError, IndexError):
        return None
    return time.time() - started
