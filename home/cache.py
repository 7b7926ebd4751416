"""Whole-page cache for anonymous visitors.

Why not ``wagtail-cache``: its 3.0.0 release requires ``wagtail<8``. Why not Django's
``UpdateCacheMiddleware`` as is: every page reads ``request.user`` (the header shows the account links),
so every response carries ``Vary: Cookie`` and Django would store one copy per visitor's cookies.

The rules, simple enough to be sure nothing leaks from one visitor to another:

- Only GET and HEAD, only from visitors who have no session and no pending messages: a request carrying a
  session cookie (every logged-in member, anyone with messages waiting or a passed password form) or a
  ``messages`` cookie bypasses the cache completely, in both directions.
- A response is stored only if it is a 200, not streamed, sets no cookie other than ``csrftoken`` (a
  page that started a session or stored a message is never stored), is not ``private``/``no-cache``/
  ``no-store``/``max-age=0``, carries no CSP nonce and varies on nothing else than Cookie (handled above),
  Accept-Language (the language is part of the key) and Accept-Encoding.
- The key is the full URL (scheme, host, path, query string) and the active language, under a
  *generation*: publishing, unpublishing, moving or deleting a page, or saving site settings, a site or
  an image, starts a new generation, so every cached page is purged at once. With the local-memory
  cache (one per process) the generation also includes the modification time of a stamp file, so all
  the workers of one machine see the purge; several machines need the shared Redis cache (REDIS_URL).
- A page with a form (``{% csrf_token %}``: the manifesto's signature form, a lesson's "I'm done"
  button) is stored with a placeholder instead of the token of the visitor who caused it to be
  rendered; each visitor served from the cache gets a token of their own (and the matching cookie),
  exactly as CsrfViewMiddleware would give it. A page is not stored if anything else in it still
  matches that visitor's secret.
- Hidden form fields whose value must be fresh for each visitor (the manifesto form's signed "shown
  at" time stamp) are registered with :func:`register_fresh_field` and rendered anew on each hit.
- Entries expire after ``PAGE_CACHE_SECONDS`` (0 disables the cache), so values that change without a
  publish (the manifesto counter, a new signature on the wall) are at most that old.

Responses carry ``X-Page-Cache: hit`` when served from the cache and ``miss`` when they were stored.
"""

import hashlib
import logging
import os
import pickle
import re
import tempfile
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.csrf import CsrfViewMiddleware, _does_token_match, get_token
from django.utils.cache import cc_delim_re, get_max_age
from django.utils.html import escape
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
MAX_QUERY_STRING_LENGTH = 256
# Vary headers a stored page may carry: Cookie is covered by "no session, no cookie set",
# Accept-Language by the language in the key; Accept-Encoding changes no content here.
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
# Stands for the visitor's CSRF token in stored pages: as long as a token, so Content-Length holds.
CSRF_PLACEHOLDER = b"webassoc-page-cache-csrf-token-placeholder-".ljust(64, b"0")
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(")')
# Hidden form fields rendered anew for each visitor served from the cache: {name: value factory}.
FRESH_FIELDS = {}
_FRESH_PLACEHOLDER = b"webassoc-page-cache-fresh-field-"


def register_fresh_field(name, factory):
    """``<input name="{name}" value="…">`` of a stored page gets ``factory()`` for each visitor."""
    FRESH_FIELDS[name] = factory


def _fresh_field_input(name):
    return re.compile(rb'(name="' + re.escape(name.encode()) + rb'" value=")([^"]*)(")')


_TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _stamp_file():
    path = getattr(settings, "PAGE_CACHE_STAMP_FILE", "")
    if path:
        return path
    digest = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"webassoc-page-cache-{digest}.stamp")


def _stamp(cache):
    """Per-machine part of the generation, only for process-local caches."""
    if not isinstance(cache, LocMemCache):
        return ""
    try:
        return str(os.stat(_stamp_file()).st_mtime_ns)
    except OSError:
        return "0"


def current_generation(cache=None):
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return f"{generation}.{_stamp(cache)}"


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
    """Start a new generation: every page cached before is never served again."""
    cache = _cache()
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    if isinstance(cache, LocMemCache):
        path = _stamp_file()
        try:
            with open(path, "a"):
                pass
            now = time.time_ns()
            os.utime(path, ns=(now, now))
        except OSError:
            logger.warning("Could not touch the page cache stamp file %s", path, exc_info=True)


def purge_now_and_on_commit():
    # Now, for the request that made the change; again after the commit, so that a page rendered by
    # another request between the change and the commit is not kept under the new generation.
    purge_all()
    transaction.on_commit(purge_all)


def cache_key(request):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(f"{get_language()}|{url}".encode()).hexdigest()
    return f"pagecache:page:{current_generation()}:{digest}"


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if _timeout() <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING_LENGTH:
        return False
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))


def _messages_pending(request):
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(getattr(storage, "_queued_messages", None)) or bool(getattr(storage, "_loaded_data", None))


def _sets_only_the_csrf_cookie(response):
    return not settings.CSRF_USE_SESSIONS and set(response.cookies) == {settings.CSRF_COOKIE_NAME}


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies and not _sets_only_the_csrf_cookie(response):  # sessionid, messages…
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in ("private", "no-cache", "no-store")):
        return False
    if get_max_age(response) == 0:
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    if vary - ALLOWED_VARY:
        return False
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        if "'nonce-" in response.get(header, ""):
            return False
    user = getattr(request, "user", None)
    if user is not None and getattr(request, "_cached_user", None) is not None and user.is_authenticated:
        return False
    return not _messages_pending(request)


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (see the module's docstring).

    Place it after LocaleMiddleware (the language is part of the key) and CommonMiddleware, before
    CsrfViewMiddleware, so that its response phase sees the cookies and headers the inner middleware set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        cache = _cache()
        key = cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            response, has_csrf_token = cached
            if has_csrf_token:
                self.give_csrf_token(request, response)
            self.fill_fresh_fields(response)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            response[HEADER] = "miss"
            stored = self.without_csrf_token(request, response) if response.cookies else (response, False)
            if stored is not None:
                stored = self.without_fresh_fields(*stored)
                cache.set(key, stored, _timeout())
        return response

    @staticmethod
    def without_fresh_fields(response, has_csrf_token):
        if not FRESH_FIELDS or b'type="hidden"' not in response.content:
            return response, has_csrf_token
        content = response.content
        for name in FRESH_FIELDS:
            placeholder = _FRESH_PLACEHOLDER + name.encode()
            content = _fresh_field_input(name).sub(rb"\g<1>" + placeholder + rb"\g<3>", content)
        if content != response.content:
            if not has_csrf_token:  # else ``response`` is already the stored copy
                response = pickle.loads(pickle.dumps(response))  # noqa: S301 - the visitor keeps theirs
            response.content = content
        return response, has_csrf_token

    @staticmethod
    def fill_fresh_fields(response):
        if _FRESH_PLACEHOLDER not in response.content:
            return
        content = response.content
        for name, factory in FRESH_FIELDS.items():
            placeholder = _FRESH_PLACEHOLDER + name.encode()
            if placeholder in content:
                content = content.replace(placeholder, escape(factory()).encode())
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))

    @staticmethod
    def without_csrf_token(request, response):
        """(copy of ``response`` with a placeholder for the CSRF token, True), or None if the page
        cannot be stored without this visitor's token."""
        secret = request.META.get("CSRF_COOKIE")
        if not secret:
            return None
        stored = pickle.loads(pickle.dumps(response))  # noqa: S301 - a copy of our own response
        del stored.cookies[settings.CSRF_COOKIE_NAME]
        content = _CSRF_INPUT.sub(lambda match: match[1] + CSRF_PLACEHOLDER + match[3], stored.content)
        for candidate in _TOKEN_LIKE.findall(content):
            if _does_token_match(candidate.decode(), secret):
                logger.info("Page not cached: its CSRF token is used outside a form field (%s)", request.path)
                return None
        stored.content = content
        return stored, True

    def give_csrf_token(self, request, response):
        """Put a token of this visitor's own in a stored page, with its cookie (as CsrfViewMiddleware does)."""
        csrf = CsrfViewMiddleware(self.get_response)
        csrf.process_request(request)  # reads the visitor's csrftoken cookie, if any
        token = get_token(request).encode()
        response.content = response.content.replace(CSRF_PLACEHOLDER, token)
        csrf.process_response(request, response)


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
        # A page made private (or public again) must leave the page cache and the lists at once.
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
