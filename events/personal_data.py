"""What the live trainings hold about a member: their registrations. Exported with the account; on
deletion, registrations to come are cancelled (the waiting list moves up) and every row is removed."""

from home.personal_data import verified_addresses


def _iso(value):
    return value.isoformat() if value else None


def member_registrations(user):

    from .models import Registration

    return Registration.objects.filter(member_registrations_filter(user)).select_related("session", "session__page")


def member_registrations_filter(user):
    """The member's registrations: made from their account, or with one of their verified addresses
    (never ``user.email`` alone: an unverified address proves nothing)."""
    from django.db.models import Q

    return Q(user=user) | Q(email_normalized__in=verified_addresses(user))


def export_events(user):
    return [
        {
            "workshop": registration.session.page.title,
            "session_start": _iso(registration.session.starts_at),
            "name": registration.name,
            "email": registration.email,
            "association": registration.organisation,
            "status": registration.status,
            "registered_at": _iso(registration.created_at),
            "confirmed_at": _iso(registration.confirmed_at),
            "cancelled_at": _iso(registration.cancelled_at),
            "attended": registration.attended,
        }
        for registration in member_registrations(user).order_by("created_at")
    ]


def erase_events(user):
    from .registrations import cancel_registration

    for registration in member_registrations(user):
        if not registration.is_cancelled and not registration.session.is_past:
            cancel_registration(registration, notify=False)
    member_registrations(user).delete()
