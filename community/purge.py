"""Purge rules of the help requests (run daily by ``manage.py purge_help_requests``):

- a request whose e-mail address was never confirmed is deleted after the confirmation link expired
  (``COMMUNITY_CONFIRMATION_DAYS``, 7 days);
- a closed request (done or declined) is anonymised ``COMMUNITY_ANONYMISE_DAYS`` (365 by default) after
  it closed: the contact, the need in words, the staff notes and the proposals go; the association's
  name, place, cause, skills and outcome stay for the yearly figures.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import CLOSED_STATUSES, HelpRequest, Proposal


def purge_unconfirmed(now=None):
    now = now or timezone.now()
    days = int(getattr(settings, "COMMUNITY_CONFIRMATION_DAYS", 7))
    deleted, _per_model = HelpRequest.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=days)
    ).delete()
    return deleted


def anonymise_closed(now=None):
    now = now or timezone.now()
    days = int(getattr(settings, "COMMUNITY_ANONYMISE_DAYS", 365))
    old = HelpRequest.objects.filter(
        status__in=CLOSED_STATUSES,
        anonymised_at__isnull=True,
        closed_at__lt=now - datetime.timedelta(days=days),
    )
    ids = list(old.values_list("pk", flat=True))
    with transaction.atomic():
        Proposal.objects.filter(request_id__in=ids).delete()
        HelpRequest.objects.filter(pk__in=ids).update(
            contact_name="",
            contact_email="",
            email_normalized="",
            contact_phone="",
            need="",
            staff_notes="",
            ip_hash="",
            anonymised_at=now,
        )
    return len(ids)


def follow_ups_due(now=None):
    from .models import Status

    now = now or timezone.now()
    days = int(getattr(settings, "COMMUNITY_FOLLOW_UP_DAYS", 28))
    return HelpRequest.objects.filter(
        status__in=[Status.MATCHED, Status.IN_PROGRESS],
        follow_up_sent_at__isnull=True,
        anonymised_at__isnull=True,
        matched_at__lte=now - datetime.timedelta(days=days),
    )
