"""The signed links of the manifesto e-mails (built on the shared double opt-in, ``home/optin.py``).

Links carry ``<signature id>.<per-signature secret>`` signed with Django's ``TimestampSigner`` (a salt
per purpose): a confirmation link expires, a withdrawal link does not, and neither can be forged or
reused for another signature (the secret is checked against the database).
"""

from django.conf import settings

from home import optin
from home.optin import TokenExpired, TokenInvalid, new_secret, normalize_email, read_token

__all__ = [
    "TokenExpired",
    "TokenInvalid",
    "confirmation_max_age",
    "form_started_value",
    "make_confirm_token",
    "make_withdraw_token",
    "new_secret",
    "normalize_email",
    "read_token",
    "seconds_since_form_started",
]

CONFIRM_SALT = "manifesto.confirm"
WITHDRAW_SALT = "manifesto.withdraw"
FORM_SALT = "manifesto.form-started"


def confirmation_max_age():
    """Seconds a confirmation link stays valid (``MANIFESTO_CONFIRMATION_DAYS``, 7 by default)."""
    return int(getattr(settings, "MANIFESTO_CONFIRMATION_DAYS", 7)) * 24 * 3600


def make_token(signature, salt):
    return optin.make_token(signature.pk, signature.secret, salt)


def make_confirm_token(signature):
    return make_token(signature, CONFIRM_SALT)


def make_withdraw_token(signature):
    return make_token(signature, WITHDRAW_SALT)


def form_started_value():
    """Hidden field of the sign form: when the form was shown, signed so it cannot be forged."""
    return optin.form_started_value(FORM_SALT)


def seconds_since_form_started(value, max_age=24 * 3600):
    """Seconds since the form was shown, or None when the value is missing, forged or too old."""
    return optin.seconds_since_form_started(value, FORM_SALT, max_age=max_age)
