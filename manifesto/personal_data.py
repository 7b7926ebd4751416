"""What the manifesto holds about a member: the signatures made with one of their (verified) e-mail
addresses. Exported with the account, deleted with it."""

from home.personal_data import verified_addresses


def _iso(value):
    return value.isoformat() if value else None


def member_addresses(user):
    """The addresses allauth has verified for the member, normalised (never ``user.email`` alone)."""
    return verified_addresses(user)


def member_signatures(user):
    from .models import Signature

    return Signature.objects.filter(email_normalized__in=member_addresses(user)).select_related(
        "manifesto", "profession"
    )


def export_signatures(user):
    return [
        {
            "manifesto": signature.manifesto.title,
            "first_name": signature.first_name,
            "last_name": signature.last_name,
            "email": signature.email,
            "profession": signature.role,
            "organisation": signature.organisation,
            "city": signature.city,
            "message": signature.message,
            "skills": signature.skills,
            "departement": signature.departement,
            "volunteer_missions_consent": signature.volunteer_consent,
            "volunteer_missions_consent_at": _iso(signature.volunteer_consent_at),
            "available_for_missions": signature.volunteer_available,
            "shown_on_public_list": signature.is_public,
            "hidden_by_moderator": signature.is_hidden,
            "newsletter_requested": signature.newsletter,
            "newsletter_consent_at": _iso(signature.newsletter_consent_at),
            "signed_at": _iso(signature.created_at),
            "confirmed_at": _iso(signature.confirmed_at),
            "reminder_sent_at": _iso(signature.reminder_sent_at),
        }
        for signature in member_signatures(user).order_by("created_at")
    ]


def erase_signatures(user):
    # One by one through the queryset: the post_delete signal lowers the count for confirmed ones.
    member_signatures(user).delete()
