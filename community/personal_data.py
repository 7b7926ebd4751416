"""What the community holds about a member, for the personal-data export and account deletion:

- help requests sent with one of the member's verified addresses (as the association's contact);
- mission proposals made to them (as a signatory or through their volunteer profile);
- their volunteer profile page, if linked to their account.

Deleting the account deletes their help requests and proposals and withdraws and unlinks the profile.
"""

from django.db.models import Q

from manifesto.personal_data import member_addresses


def _iso(value):
    return value.isoformat() if value else None


def _proposals(user):
    from .models import Proposal

    addresses = member_addresses(user)
    return Proposal.objects.filter(
        Q(signature__email_normalized__in=addresses) | Q(volunteer__user=user)
    ).select_related("request")


def export_member_data(user):
    from .models import HelpRequest, VolunteerPage

    requests = HelpRequest.objects.filter(email_normalized__in=member_addresses(user), anonymised_at=None)
    profile = VolunteerPage.objects.filter(user=user).first()
    return {
        "help_requests": [
            {
                "association": r.association,
                "city": r.city,
                "departement": r.departement,
                "size": r.size,
                "cause": r.cause,
                "skills": r.skills,
                "need": r.need,
                "timing": r.timing,
                "contact_name": r.contact_name,
                "contact_email": r.contact_email,
                "contact_phone": r.contact_phone,
                "status": r.status,
                "sent_at": _iso(r.created_at),
                "confirmed_at": _iso(r.confirmed_at),
                "closed_at": _iso(r.closed_at),
            }
            for r in requests.order_by("created_at")
        ],
        "mission_proposals": [
            {
                "association": p.request.association,
                "answer": p.answer,
                "sent_at": _iso(p.sent_at),
                "answered_at": _iso(p.answered_at),
                "introduced_at": _iso(p.introduced_at),
                "outcome": p.outcome,
            }
            for p in _proposals(user).order_by("sent_at")
        ],
        "volunteer_profile": (
            {
                "name": profile.title,
                "role": profile.role,
                "bio": profile.bio,
                "skills": profile.skills,
                "departement": profile.departement,
                "agreed_to_appear": profile.agreed_to_appear,
                "agreed_to_missions": profile.agreed_to_missions,
                "email": profile.email,
            }
            if profile
            else None
        ),
    }


def erase_member_data(user):
    from .models import HelpRequest, VolunteerPage

    _proposals(user).delete()
    HelpRequest.objects.filter(email_normalized__in=member_addresses(user)).delete()
    for profile in VolunteerPage.objects.filter(user=user):
        profile.withdraw()
        VolunteerPage.objects.filter(pk=profile.pk).update(user=None, email="")
