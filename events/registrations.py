"""Seats, waiting lists and cancellations: every rule about who holds a seat lives here.

A seat is given or taken only inside a transaction holding the session's row lock
(``select_for_update``), and the confirmed registrations are counted under that lock: however many
people confirm at the same moment, no more than ``capacity`` are confirmed; the others go to the
waiting list, in the order they arrived. The unique constraint on (session, normalised e-mail) makes a
second registration of one address impossible, whatever the timing.

E-mails are queued after the commit (``transaction.on_commit``), so nobody is told about a seat that a
rollback took back.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from home.optin import normalize_email

from .models import Registration, Session
from .tasks import (
    ALREADY_REGISTERED,
    CANCELLED_BY_YOU,
    CONFIRM_EMAIL,
    PROMOTED,
    SEAT_CONFIRMED,
    SESSION_CANCELLED,
    STAFF_MESSAGE,
    WAITING_LIST,
    send_registration_email,
)

Status = Registration.Status

# What ``register`` did, for the message shown to the person.
CONFIRMED = "confirmed"
WAITING = "waiting"
PENDING = "pending"
ALREADY = "already"
CLOSED = "closed"


@dataclass
class Outcome:
    registration: Registration | None
    result: str


def _email_after_commit(registration, kind, base_url=None, message="", subject=""):
    registration_id = registration.pk
    transaction.on_commit(
        lambda: send_registration_email.enqueue(registration_id, kind, base_url, message=message, subject=subject)
    )


def _lock(session_id):
    return Session.objects.select_for_update().get(pk=session_id)


def _seat_or_queue(registration, session, now):
    """Under the session's lock: a seat if one is free, else the end of the waiting list."""
    taken = Registration.objects.filter(session_id=session.pk, status=Status.CONFIRMED).count()
    if taken < session.capacity:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = Status.WAITING
        registration.queued_at = now
    registration.cancelled_at = None


def register(session, *, name, email, organisation="", user=None, language="fr", base_url=None, notify=True):
    """Register ``email`` (a member's when ``user`` is given) for ``session``.

    A member gets a seat (or a place on the waiting list) at once; a visitor's registration waits for
    the e-mailed link. Registering again never creates a second row: an active registration is left
    as it is (a visitor is told by e-mail, never on screen), a cancelled one comes back.
    """
    email_normalized = normalize_email(email)
    now = timezone.now()
    with transaction.atomic():
        session = _lock(session.pk)
        if not session.is_open:
            return Outcome(None, CLOSED)
        registration = Registration.objects.filter(session=session, email_normalized=email_normalized).first()
        if registration is not None and registration.status in (Status.CONFIRMED, Status.WAITING):
            if user is None:
                if notify:
                    _email_after_commit(registration, ALREADY_REGISTERED, base_url)
                return Outcome(registration, PENDING)  # the same answer as for a new address
            if registration.user_id is None:
                registration.user = user
                registration.save(update_fields=["user"])
            return Outcome(registration, ALREADY)
        if registration is None:
            registration = Registration(session=session, email=email)
        registration.name = name
        registration.organisation = organisation
        registration.language = language
        if registration.pk is None or registration.is_cancelled:
            registration.created_at = now
        if user is not None:
            registration.user = user
            _seat_or_queue(registration, session, now)
        else:
            registration.status = Status.PENDING
            registration.cancelled_at = None
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The same address registered in a parallel request a moment ago: that one stands.
            registration = Registration.objects.get(session=session, email_normalized=email_normalized)
            return Outcome(registration, PENDING if user is None else ALREADY)
        if user is None:
            if notify:
                _email_after_commit(registration, CONFIRM_EMAIL, base_url)
            return Outcome(registration, PENDING)
        kind = SEAT_CONFIRMED if registration.is_confirmed else WAITING_LIST
        _email_after_commit(registration, kind, base_url)
        return Outcome(registration, CONFIRMED if registration.is_confirmed else WAITING)


def confirm_email(registration, base_url=None):
    """A visitor opened the e-mailed link: the registration gets a seat or a place on the waiting list.

    Idempotent: a registration already confirmed or waiting is left as it is."""
    now = timezone.now()
    with transaction.atomic():
        session = _lock(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            return Outcome(registration, ALREADY)
        if not session.is_open:
            return Outcome(registration, CLOSED)
        _seat_or_queue(registration, session, now)
        registration.save(update_fields=["status", "confirmed_at", "queued_at", "cancelled_at"])
        kind = SEAT_CONFIRMED if registration.is_confirmed else WAITING_LIST
        _email_after_commit(registration, kind, base_url)
    return Outcome(registration, CONFIRMED if registration.is_confirmed else WAITING)


def promote_waiting(session_id, base_url=None):
    """Give the free seats of a session to the first people waiting (each told by e-mail).

    Nothing moves once the session has started or was cancelled. Returns the promoted registrations."""
    now = timezone.now()
    promoted = []
    with transaction.atomic():
        session = _lock(session_id)
        if session.is_cancelled or session.starts_at <= now:
            return promoted
        taken = Registration.objects.filter(session_id=session.pk, status=Status.CONFIRMED).count()
        free = session.capacity - taken
        if free <= 0:
            return promoted
        for registration in Registration.objects.filter(session_id=session.pk).waiting()[:free]:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=["status", "confirmed_at"])
            _email_after_commit(registration, PROMOTED, base_url)
            promoted.append(registration)
    return promoted


def cancel_registration(registration, base_url=None, notify=True):
    """The person gives up their seat (or their place in the queue); the first person waiting moves up.

    Idempotent: cancelling twice changes nothing and sends one e-mail."""
    with transaction.atomic():
        _lock(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_cancelled:
            return registration, False
        held_a_seat = registration.is_confirmed
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            _email_after_commit(registration, CANCELLED_BY_YOU, base_url)
    if held_a_seat:
        promote_waiting(registration.session_id, base_url)
    return registration, True


def cancel_session(session, base_url=None, message=""):
    """Staff cancel a session: registrations close and everyone registered or waiting is told by
    e-mail (with ``message``, the organisers' explanation, when given). Returns how many were told,
    or None when the session was already cancelled (nothing changes)."""
    with transaction.atomic():
        session = _lock(session.pk)
        if session.is_cancelled:
            return None
        Session.objects.filter(pk=session.pk).update(cancelled_at=timezone.now())
        told = list(Registration.objects.filter(session=session, status__in=[Status.CONFIRMED, Status.WAITING]))
        for registration in told:
            _email_after_commit(registration, SESSION_CANCELLED, base_url, message=message)
    return len(told)


def change_capacity(session, capacity, base_url=None):
    """Set the number of seats of the live session; free seats go to the waiting list at once
    (each person promoted is told by e-mail). Returns the promoted registrations.

    Lowering it never takes a seat from someone confirmed: the session is simply full until enough
    people cancel."""
    Session.objects.filter(pk=session.pk).update(capacity=capacity)
    return promote_waiting(session.pk, base_url)


def message_participants(session, subject, message, include_waiting=False, base_url=None):
    """E-mail the organisers' ``subject`` and ``message`` to the confirmed participants (and to the
    waiting list when ``include_waiting``), each with their own cancellation link. Returns how many."""
    statuses = [Status.CONFIRMED, Status.WAITING] if include_waiting else [Status.CONFIRMED]
    with transaction.atomic():
        recipients = list(Registration.objects.filter(session_id=session.pk, status__in=statuses))
        for registration in recipients:
            _email_after_commit(registration, STAFF_MESSAGE, base_url, message=message, subject=subject)
    return len(recipients)


def mark_attendance(session, present_ids):
    """Record who came: the confirmed participants in ``present_ids`` attended, the others did not.
    Returns (present, absent) counts."""
    confirmed = Registration.objects.filter(session_id=session.pk, status=Status.CONFIRMED)
    with transaction.atomic():
        present = confirmed.filter(pk__in=list(present_ids)).update(attended=True)
        absent = confirmed.exclude(pk__in=list(present_ids)).update(attended=False)
    return present, absent
