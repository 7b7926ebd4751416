"""E-mails of the manifesto, sent through django-tasks (immediate in development and tests; the
database backend and ``manage.py db_worker`` in production). Each e-mail carries a personal
withdrawal link."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)

CONFIRM = "confirm"  # a new or pending signature: here is your confirmation link
ALREADY_CONFIRMED = "already_confirmed"  # someone signed again with this address
REMINDER = "reminder"  # the one automatic reminder
# Someone else signed again with the address of a signature awaiting confirmation: nothing changed.
PENDING_UNCHANGED = "pending_unchanged"
KINDS = (CONFIRM, ALREADY_CONFIRMED, REMINDER, PENDING_UNCHANGED)


def site_root_url(page):
    """``https://example.org`` for links in e-mails sent without a request (reminders)."""
    _site_id, root_url, _path = page.get_url_parts()
    protocol = getattr(settings, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
    if root_url and root_url.startswith("http://") and protocol == "https" and root_url.count(":") == 1:
        root_url = "https://" + root_url[len("http://") :]
    return root_url or ""


def signature_links(signature, base_url=None):
    """Absolute confirmation and withdrawal links of ``signature``, in the active language."""
    from .tokens import make_confirm_token, make_withdraw_token

    page = signature.manifesto
    root = (base_url or site_root_url(page)).rstrip("/")
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
    """Send the e-mail ``kind`` (see ``KINDS``) to the signatory; nothing if the signature is gone."""
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
            **signature_links(signature, base_url),
        }
        subject = " ".join(render_to_string("emails/manifesto/subject.txt", context).split())
        body = render_to_string("emails/manifesto/body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [signature.email])
    return True
