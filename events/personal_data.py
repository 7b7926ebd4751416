"""What the live trainings hold about a member: their registrations. Exported with the account; on
deletion, registrations to come are cancelled (the waiting list moves up) and every row is removed."""

from home.optin import normalize_email


def _iso(value):
    return value.isoformat() if value else None


def member_registrations(user):
    from django.db.models import Q

    from .models import Registration

    return Registration.objects.filter(Q(user=user) | Q(email_normalized=normalize_email(user.email))).select_related(
        "session", "session__page"
    )


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
