"""E-mails to participants, sent through django-tasks (immediate in development and tests; the
database backend and ``manage.py db_worker`` in production).

Every e-mail carries the person's own cancellation link. The meeting link of an online session is
written only in the e-mails of confirmed participants (and their calendar file).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from home import optin
from home.site_url import site_root_url

logger = logging.getLogger(__name__)

CONFIRM_SALT = "events.confirm"
CANCEL_SALT = "events.cancel"

CONFIRM_EMAIL = "confirm_email"  # a visitor: here is the link that confirms your address
SEAT_CONFIRMED = "seat_confirmed"  # you have a seat (with the calendar file)
WAITING_LIST = "waiting_list"  # the session is full: you are on the waiting list
PROMOTED = "promoted"  # a seat was freed: it is yours (with the calendar file)
ALREADY_REGISTERED = "already_registered"  # someone registered this address again
CANCELLED_BY_YOU = "cancelled_by_you"  # your cancellation is recorded
SESSION_CANCELLED = "session_cancelled"  # staff cancelled the session
STAFF_MESSAGE = "staff_message"  # a message from the organisers
KINDS = (
    CONFIRM_EMAIL,
    SEAT_CONFIRMED,
    WAITING_LIST,
    PROMOTED,
    ALREADY_REGISTERED,
    CANCELLED_BY_YOU,
    SESSION_CANCELLED,
    STAFF_MESSAGE,
)
WITH_CALENDAR = (SEAT_CONFIRMED, PROMOTED)


def confirmation_max_age():
    """Seconds a confirmation link stays valid (``EVENTS_CONFIRMATION_DAYS``, 7 by default)."""
    return int(getattr(settings, "EVENTS_CONFIRMATION_DAYS", 7)) * 24 * 3600


def confirm_token(registration):
    return optin.make_token(registration.pk, registration.secret, CONFIRM_SALT)


def cancel_token(registration):
    return optin.make_token(registration.pk, registration.secret, CANCEL_SALT)


def registration_links(registration):
    """Absolute links of ``registration``'s e-mails, on the site's address (the Site record)."""
    page = registration.session.page
    root = site_root_url(page=page)
    page_url = root + page.get_url_parts()[2]
    return {
        "page_url": page_url,
        # ``reverse_subpage`` gives "confirmer/<token>/", relative to the page's URL (which ends with "/").
        "confirm_url": page_url + page.reverse_subpage("confirm", kwargs={"token": confirm_token(registration)}),
        "cancel_url": page_url + page.reverse_subpage("cancel", kwargs={"token": cancel_token(registration)}),
    }


@task()
def send_registration_email(registration_id, kind, base_url=None, message="", subject=""):
    """Send the e-mail ``kind`` (see ``KINDS``); nothing if the registration is gone.

    ``message`` is the organisers' text (a cancellation's explanation, a message to participants) and
    ``subject`` the subject staff gave their message. (``base_url`` is ignored: links come from the
    Site record; it is accepted for tasks queued before that.)"""
    from .ics import session_calendar
    from .models import Registration

    registration = Registration.objects.select_related("session", "session__page").filter(pk=registration_id).first()
    if registration is None or kind not in KINDS:
        return False
    session = registration.session
    page = session.page
    links = registration_links(registration)
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "session": session,
            "page": page,
            "kind": kind,
            "message": message,
            "staff_subject": subject,
            "expiry_days": confirmation_max_age() // (24 * 3600),
            # Only a confirmed participant ever reads the meeting link.
            "meeting_url": session.meeting_url if registration.is_confirmed and page.is_online else "",
            **links,
        }
        subject = " ".join(render_to_string("emails/events/subject.txt", context).split())
        body = render_to_string("emails/events/body.txt", context)
    email = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    if kind in WITH_CALENDAR and registration.is_confirmed:
        calendar = session_calendar(session, links["page_url"], with_meeting_link=True)
        email.attach("atelier.ics", calendar, "text/calendar; charset=utf-8; method=PUBLISH")
    email.send()
    return True
