"""Signed links of the community e-mails, on the shared double opt-in (``home/optin.py``)."""

from django.conf import settings

from home import optin

CONFIRM_SALT = "community.confirm"
ANSWER_SALT = "community.answer"
FOLLOW_UP_SALT = "community.follow-up"
VOLUNTEER_SALT = "community.volunteer"


def confirmation_max_age():
    """Seconds a confirmation link stays valid (``COMMUNITY_CONFIRMATION_DAYS``, 7 by default)."""
    return int(getattr(settings, "COMMUNITY_CONFIRMATION_DAYS", 7)) * 24 * 3600


def make_token(obj, salt):
    return optin.make_token(obj.pk, obj.secret, salt)
