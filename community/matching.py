"""Volunteers to suggest for a help request, in a bounded number of queries whatever the data size.

- confirmed manifesto signatories who agreed to be asked for missions, are available, live in the
  request's département and offer at least one of the skills needed;
- volunteer profiles (trainers, authors…) that can be asked, have an e-mail, live in the request's
  region (or gave none) and offer one of the skills.

The skills are a JSON list, which SQLite cannot search inside: the database narrows the candidates
to the département (an index) and at most ``MAX_CANDIDATES`` of them are read, the skills are
compared in Python.
"""

from dataclasses import dataclass

from home.departements import region_of
from manifesto.models import Signature

from .models import SKILL_LABELS, Proposal, VolunteerPage

MAX_CANDIDATES = 500
MAX_SUGGESTIONS = 30


@dataclass
class Suggestion:
    key: str  # "s<signature id>" or "v<volunteer page id>"
    name: str
    kind: str
    place: str
    skills: list
    matching: int
    obj: object

    @property
    def skills_text(self):
        return ", ".join(str(SKILL_LABELS.get(skill, skill)) for skill in self.skills)


def suggestions_for(help_request, limit=MAX_SUGGESTIONS):
    needed = set(help_request.skills or [])
    asked = Proposal.objects.filter(request=help_request)
    asked_signatures = set(asked.exclude(signature=None).values_list("signature_id", flat=True))
    asked_volunteers = set(asked.exclude(volunteer=None).values_list("volunteer_id", flat=True))
    results = []
    signatures = (
        Signature.objects.filter(
            confirmed_at__isnull=False,
            volunteer_consent=True,
            volunteer_available=True,
            departement=help_request.departement,
        )
        .only("id", "first_name", "last_name", "role", "city", "skills", "departement")
        .order_by("-confirmed_at")[:MAX_CANDIDATES]
    )
    for signature in signatures:
        if signature.pk in asked_signatures:
            continue
        matching = needed & set(signature.skills or [])
        if matching:
            results.append(
                Suggestion(
                    key=f"s{signature.pk}",
                    name=signature.full_name,
                    kind=signature.role or "",
                    place=signature.city or signature.departement,
                    skills=sorted(matching),
                    matching=len(matching),
                    obj=signature,
                )
            )
    region = region_of(help_request.departement)
    volunteers = (
        VolunteerPage.objects.filter(agreed_to_missions=True, region__in=[region, ""])
        .exclude(email="")
        .only("id", "title", "role", "skills", "region", "departement")
        .order_by("title")[:MAX_CANDIDATES]
    )
    for volunteer in volunteers:
        if volunteer.pk in asked_volunteers:
            continue
        matching = needed & set(volunteer.skills or [])
        if matching:
            results.append(
                Suggestion(
                    key=f"v{volunteer.pk}",
                    name=volunteer.title,
                    kind=volunteer.role,
                    place=volunteer.region,
                    skills=sorted(matching),
                    matching=len(matching),
                    obj=volunteer,
                )
            )
    results.sort(key=lambda suggestion: (-suggestion.matching, suggestion.key[0] != "v", suggestion.name))
    return results[:limit]
