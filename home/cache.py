"""Data kept in the shared cache until the next change visitors can see, and the purges.

Whole pages are not cached here: an HTTP cache in front of the site keeps them (home/http_cache.py,
docs/caching.md). This module keeps what many pages need and only changes when something is
published, moved or deleted, or when a site, a setting, a snippet or an image is saved: the menus, the
pages a course is made of, the private sections… (:func:`generation_cached`). Each of those events
starts a new *generation* in the default cache, which every worker and every machine shares, and
invalidates the HTTP cache (:func:`home.http_cache.purge_site`).
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .http_cache import purge_site

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def current_generation(cache=None):
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


_MISSING = object()


def generation_cached(name, build, timeout=None, keep=None):
    """``build()``'s value, shared by every process through the cache, until the next purge.

    For values that only change when something is published, moved or deleted, or when a site, a
    setting or an image is saved (the events that start a new page-cache generation): the menus, the
    pages a course is made of, the private sections… ``build`` must return a picklable value and
    must not depend on who asks. ``timeout`` (default ``SITE_DATA_CACHE_SECONDS``) bounds how old a
    value can get if a change ever happens without a purge. ``keep(value)``, when given, decides
    whether a freshly built value is stored.
    """
    cache = _cache()
    key = f"gen:{current_generation(cache)}:{name}"
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # the cache is an optimisation: never fail a page because of it
        logger.warning("Cache unavailable for %s", name, exc_info=True)
        return build()
    if value is _MISSING:
        value = build()
        if keep is not None and not keep(value):
            return value
        try:
            cache.set(key, value, timeout or getattr(settings, "SITE_DATA_CACHE_SECONDS", 300))
        except Exception:
            logger.warning("Cache unavailable for %s", name, exc_info=True)
    return value


def purge_all():
    """Start a new generation (every value kept before is never used again) and empty the HTTP cache."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    purge_site()


def purge_now_and_on_commit():
    # Now, for the request that made the change; again after the commit, so that a value built (or a
    # page fetched by the proxy) between the change and the commit, still the old one, is not kept.
    purge_all()
    transaction.on_commit(purge_all)


def _purge_on_save_or_delete(sender, instance, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    if isinstance(instance, Page):
        # Saving a draft changes nothing public: only a deletion of the live page matters here;
        # publishing, unpublishing and moving have their own signals. An alias shares its original's
        # privacy (home/privacy.py keeps the list of private sections), so creating one purges too,
        # and so does a page created live without being published (imports, scripts).
        created_live = kwargs.get("created") and instance.live
        if kwargs.get("signal") is post_delete or instance.alias_of_id or created_live:
            purge_now_and_on_commit()
    elif isinstance(instance, BaseSiteSetting | BaseGenericSetting) and kwargs.get("created"):
        # ``XxxSettings.for_site`` creates a missing row with its defaults while a page renders: that
        # changes nothing visitors see (the admin's edit view creates the row first, then saves it).
        return
    elif isinstance(instance, BaseSiteSetting | BaseGenericSetting | Site | AbstractImage | PageViewRestriction) or (
        # Authors, categories, trainers… are shown on pages; a model can opt out (manifesto signatures).
        type(instance) in get_snippet_models() and getattr(instance, "purges_page_cache", True)
    ):
        # A page made private (or public again) must leave the HTTP cache and the lists at once.
        purge_now_and_on_commit()


def _purge_on_page_signal(sender, **kwargs):
    purge_now_and_on_commit()


def connect_signals():
    """Called from HomeConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_purge_on_page_signal, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_purge_on_save_or_delete, dispatch_uid="pagecache-post-save")
    post_delete.connect(_purge_on_save_or_delete, dispatch_uid="pagecache-post-delete")


class SiteDataCacheMiddleware:
    """The request's Wagtail ``Site`` (with its specific root page) and site settings from the cache
    instead of four queries a page.

    Wagtail looks them up once per request (``Site.find_for_request``, ``XxxSettings.for_request``);
    this primes those per-request caches from the shared cache. Entries live under the page-cache
    generation, which saving a site or any site setting renews, so an edit shows at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/admin/"):
            try:
                self.prime(request)
            except Exception:  # the cache is an optimisation: never fail a page because of it
                logger.warning("Site data cache unavailable", exc_info=True)
        return self.get_response(request)

    def prime(self, request):
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.contrib.settings.registry import registry
        from wagtail.models import Site

        cache = _cache()
        key = f"sitedata:{current_generation(cache)}:{request.get_host()}:{request.get_port()}"
        data = cache.get(key)
        if data is None:
            site = Site.find_for_request(request)
            if site is None:
                return
            # Routing starts from the specific root page (Page.route_for_request): keep that one.
            site.root_page = site.root_page.specific
            settings_instances = [model.for_site(site) for model in registry if issubclass(model, BaseSiteSetting)]
            cache.set(
                key, {"site": site, "settings": settings_instances}, getattr(settings, "SITE_DATA_CACHE_SECONDS", 300)
            )
            data = {"site": site, "settings": settings_instances}
        request._wagtail_site = data["site"]
        for instance in data["settings"]:
            instance._request = request
            setattr(request, instance.get_cache_attr_name(), instance)
