"""The community's figures for the home page, counted cheaply.

Confirmed signatories come from the manifesto's stored count (one row per manifesto, never a count
of signatures); trainers and associations helped this year are small tables. The three figures and
the links next to them are kept in the shared cache for ``COMMUNITY_FIGURES_SECONDS`` (10 minutes),
emptied when a help request, a volunteer profile or a trainer changes: a home page view reads one
cache key and runs no query.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

KEY = "community:figures:v1"


def _key():
    return f"{KEY}:{get_language() or settings.LANGUAGE_CODE}"


def compute_figures():
    from django.db.models import Sum

    from courses.models import Trainer
    from home.models import OrganisationSettings
    from manifesto.models import SignatureCount

    from .models import HELPED_STATUSES, HelpRequest, HelpRequestPage, VolunteerIndexPage

    year = timezone.localdate().year
    organisation = OrganisationSettings.objects.filter(site__is_default_site=True).first()
    help_page = HelpRequestPage.objects.live().public().first()
    volunteers_page = VolunteerIndexPage.objects.live().public().first()
    return {
        "signatories": SignatureCount.objects.aggregate(total=Sum("confirmed"))["total"] or 0,
        "trainers": Trainer.objects.count(),
        "associations_helped": HelpRequest.objects.filter(status__in=HELPED_STATUSES, matched_at__year=year)
        .values("association")
        .distinct()
        .count(),
        "year": year,
        # The association's own rounded figures (Settings › Organisation), shown instead when set.
        "volunteers_figure": organisation.volunteers_figure if organisation else None,
        "associations_figure": organisation.associations_figure if organisation else None,
        "help_url": help_page.url if help_page else "",
        "volunteers_url": volunteers_page.url if volunteers_page else "",
    }


def community_figures():
    try:
        figures = cache.get(_key())
    except Exception:  # the cache is an optimisation: never fail a page because of it
        logger.warning("Cache unavailable for the community figures", exc_info=True)
        return compute_figures()
    if figures is None:
        figures = compute_figures()
        try:
            cache.set(_key(), figures, getattr(settings, "COMMUNITY_FIGURES_SECONDS", 600))
        except Exception:
            logger.warning("Cache unavailable for the community figures", exc_info=True)
    return figures


def forget_figures(**kwargs):
    try:
        cache.delete_many([f"{KEY}:{code}" for code, _name in settings.LANGUAGES])
    except Exception:
        logger.warning("Cache unavailable for the community figures", exc_info=True)


def home_section_context(request):
    return {"community_figures": community_figures()}
