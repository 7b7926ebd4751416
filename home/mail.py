"""E-mails that survive a mail server outage: rendered during the request, sent by a django-tasks task
that tries again later when the server is down.

With the database backend (production: ``TASKS_BACKEND=django_tasks_db.DatabaseBackend`` and
``manage.py db_worker``) the request only records the task; a failed send is tried again after 1, 5,
30 and 120 minutes, then recorded as failed with its error (django-tasks' result). With the immediate
backend (development, tests, or a production without a worker) the send happens in the request and a
failure is recorded, never raised: a sign-up or a password reset still answers, and says in French that
the e-mail could not leave yet.
"""

import datetime
import logging
import smtplib
import socket

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)

# Minutes to wait before each new attempt; one more attempt than delays, then the task fails.
RETRY_DELAYS = (1, 5, 30, 120)
# What a mail server being down or refusing for a while looks like.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)

SENT = "sent"
RETRYING = "retrying"
QUEUED = "queued"
FAILED = "failed"


def message_data(message):
    """What a task needs to send ``message`` again, JSON-serialisable."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype,
    }


def build_message(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data.get("from_email") or settings.DEFAULT_FROM_EMAIL,
        to=data.get("to") or [],
        cc=data.get("cc") or [],
        bcc=data.get("bcc") or [],
        reply_to=data.get("reply_to") or [],
        headers=data.get("headers") or {},
    )
    message.content_subtype = data.get("content_subtype") or "plain"
    for content, mimetype in data.get("alternatives") or []:
        message.attach_alternative(content, mimetype)
    return message


@task()
def send_email(data, attempt=1):
    """Send the e-mail described by ``data`` (see :func:`message_data`); on a mail server error, enqueue
    the next attempt when the tasks backend can run it later, else fail (the error is recorded)."""
    try:
        build_message(data).send()
    except TRANSIENT_ERRORS as error:
        if attempt <= len(RETRY_DELAYS) and send_email.get_backend().supports_defer:
            delay = datetime.timedelta(minutes=RETRY_DELAYS[attempt - 1])
            send_email.using(run_after=timezone.now() + delay).enqueue(data, attempt=attempt + 1)
            logger.warning("E-mail not sent (attempt %s, %s): trying again in %s", attempt, error, delay)
            return RETRYING
        logger.error("E-mail not sent after %s attempts: %s", attempt, error)
        raise
    return SENT


def send_later(message):
    """Hand ``message`` (an ``EmailMessage``) to the task. Returns ``SENT`` (the immediate backend sent
    it), ``QUEUED`` (a worker will), ``RETRYING`` (the server was down, a new attempt is queued) or
    ``FAILED`` (the server was down and nothing can try again: the immediate backend)."""
    result = send_email.enqueue(message_data(message))
    if result.status == TaskResultStatus.FAILED:
        return FAILED
    if result.status == TaskResultStatus.SUCCESSFUL:
        return result.return_value
    return QUEUED
