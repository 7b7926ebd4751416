"""What an HTTP cache in front of the site (Varnish, a CDN) may keep, and telling it when to forget.

Whole pages are cached by a reverse proxy, never by the application (docs/caching.md). The application
only says, with ``Cache-Control``, which responses are the same for every visitor:

- ``public, max-age=0, s-maxage=HTTP_CACHE_SECONDS`` for a response that is shareable: a 200 to a GET
  or HEAD from a visitor without a session, a messages cookie or credentials, that sets no cookie (no
  CSRF token, no session, no message), varies on nothing but the cookies, the language and the
  encoding, carries no CSP nonce and is not under one of ``HTTP_CACHE_EXCLUDED_PATHS``;
- ``private, no-store`` for everything else: logged-in members, visitors with a session (anonymous
  progress, a passed password form, pending messages), forms with a CSRF token, errors, redirects.

A view that sets ``Cache-Control`` itself (``never_cache``, ``cache_control``, a page's ``serve``)
keeps its own. The proxy's configuration (deploy/varnish/default.vcl) applies the same rules from its
side: requests with a session, messages or CSRF cookie go to the application, responses that set a
cookie are never stored.

Purges: ``wagtail.contrib.frontend_cache`` purges a page's URLs when it is published or unpublished; as
menus, lists, breadcrumbs and the home page's sections show other pages too, every change visitors
can see (publish, unpublish, move, delete, and saving a setting, a snippet, an image or a site) also
invalidates the whole site with :func:`purge_site`, now and once the transaction is committed.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import cc_delim_re, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

logger = logging.getLogger(__name__)

MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
# Vary headers a shared page may carry: Cookie (the proxy strips cookies of requests it may answer from
# its store), Accept-Language (the language is in the path: the proxy drops the header) and
# Accept-Encoding (the proxy compresses itself).
SHAREABLE_VARY = {"cookie", "accept-language", "accept-encoding"}


def is_shareable(request, response):
    """True when ``response`` is the same for every visitor who could make ``request``."""
    seconds = getattr(settings, "HTTP_CACHE_SECONDS", 0)
    if seconds <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if response.status_code != 200 or response.streaming:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if response.cookies:  # a session, a message, a CSRF token (its cookie is set whenever one is used)
        return False
    path = request.path_info
    if any(path.startswith(prefix) for prefix in getattr(settings, "HTTP_CACHE_EXCLUDED_PATHS", ())):
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    if vary - SHAREABLE_VARY:
        return False
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        if "'nonce-" in response.get(header, ""):
            return False
    if len(get_messages(request)):
        return False  # a message shown on this page (they are kept after being displayed)
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class CacheControlMiddleware:
    """Marks every response ``public`` (shareable, see the module) or ``private, no-store``.

    Place it before SessionMiddleware and CsrfViewMiddleware: its response phase must see the cookies
    they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if is_shareable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.HTTP_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


def anonymous_form_view(page_model, handle):
    """The address an anonymous form of a shareable page posts to: ``/formulaires/…/<page id>/``.

    A shared page cannot carry a visitor's CSRF token, so the forms it shows to anonymous visitors (the
    manifesto's signature, an association's help request, a lesson's "I'm done" without an account)
    post here, without one (``csrf_exempt`` on this view only). They act for no account: each relies on
    its own defences instead, named in docs/caching.md (a signed "shown at" stamp, a honeypot, a rate
    limit per address, a confirmation e-mail; the session cookie is ``SameSite=Lax``). Forms that act
    for an account keep their CSRF token, on pages that are never shared.

    ``handle(request, page)`` processes the POST for the live ``page_model`` page ``page_id``; a GET
    goes to the page.
    """

    @csrf_exempt
    def view(request, page_id):
        page = get_object_or_404(page_model.objects.live(), pk=page_id)
        for restriction in page.get_view_restrictions():
            if not restriction.accept_request(request):
                raise Http404
        if request.method != "POST":
            return HttpResponseRedirect(page.get_url(request))
        request.is_preview = False
        return handle(request, page)

    return view


class BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge backend, plus a ``BAN`` that invalidates every page of one host at once.

    deploy/varnish/default.vcl accepts both from the machine itself (or the addresses of its ``purgers``
    ACL). ``TIMEOUT`` (seconds, default 2) bounds how long a publish waits for a proxy that does not
    answer.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = params.pop("TIMEOUT", 2)
        super().__init__(params)

    def ban_host(self, root_url):
        """Invalidate everything the proxy holds for ``root_url``'s host."""
        parts = urlsplit(root_url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = BanRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + wagtail_version},
        )
        try:
            urlopen(request, timeout=self.timeout)  # noqa: S310 - the configured proxy's address
        except (URLError, OSError) as error:
            logger.error("Could not invalidate %s in the HTTP cache: %s", root_url, error)


def purge_site():
    """Invalidate every page of every site in the configured HTTP caches (none configured: nothing)."""
    backends = get_backends()
    if not backends:
        return
    from wagtail.models import Page, Site

    root_urls = {site.root_url for site in Site.objects.all()}
    others = []
    for name, backend in backends.items():
        if isinstance(backend, VarnishBackend):
            for root_url in root_urls:
                backend.ban_host(root_url)
        else:
            others.append(name)
    if others:  # a cache without bans (a CDN): every live page, one purge each
        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().public().specific())
        batch.purge(backends=others)


def purge_site_now_and_on_commit():
    # Now, for the request that made the change; again after the commit, so that a page the proxy
    # fetched between the change and the commit (still the old content) is not kept.
    purge_site()
    transaction.on_commit(purge_site)
