"""E-mails of the manifesto, sent through django-tasks (immediate in development and tests; the
database backend and ``manage.py db_worker`` in production). Each e-mail carries a personal
withdrawal link."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from home.site_url import site_root_url

logger = logging.getLogger(__name__)

CONFIRM = "confirm"  # a new or pending signature: here is your confirmation link
ALREADY_CONFIRMED = "already_confirmed"  # someone signed again with this address
REMINDER = "reminder"  # the one automatic reminder
# Someone else signed again with the address of a signature awaiting confirmation: nothing changed.
PENDING_UNCHANGED = "pending_unchanged"
KINDS = (CONFIRM, ALREADY_CONFIRMED, REMINDER, PENDING_UNCHANGED)


def signature_links(signature):
    """Absolute confirmation and withdrawal links of ``signature``, in the active language, on the
    site's address (the Site record, home/site_url.py), whoever sends the e-mail and from where."""
    from .tokens import make_confirm_token, make_withdraw_token

    page = signature.manifesto
    root = site_root_url(page=page)
    page_path = page.get_url_parts()[2]
    return {
        "page_url": root + page_path,
        "confirm_url": root
        + page_path
        + page.reverse_subpage("confirm", kwargs={"token": make_confirm_token(signature)}),
        "withdraw_url": root
        + page_path
        + page.reverse_subpage("withdraw", kwargs={"token": make_withdraw_token(signature)}),
    }


@task()
def send_signature_email(signature_id, kind, base_url=None):
    """Send the e-mail ``kind`` (see ``KINDS``) to the signatory; nothing if the signature is gone.
    (``base_url`` is ignored: it is accepted for tasks queued before links came from the Site record.)"""
    from .models import Signature
    from .tokens import confirmation_max_age

    signature = Signature.objects.select_related("manifesto").filter(pk=signature_id).first()
    if signature is None or kind not in KINDS:
        return False
    page = signature.manifesto
    with translation.override(signature.language or settings.LANGUAGE_CODE):
        context = {
            "signature": signature,
            "page": page,
            "kind": kind,
            "expiry_days": confirmation_max_age() // (24 * 3600),
            **signature_links(signature),
        }
        subject = " ".join(render_to_string("emails/manifesto/subject.txt", context).split())
        body = render_to_string("emails/manifesto/body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [signature.email])
    return True
