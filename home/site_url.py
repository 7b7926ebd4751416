"""The site's public address: one source of truth, the default Wagtail ``Site`` record.

``manage.py set_site_url`` writes ``SITE_URL`` (e.g. ``https://webassoc.fr``) into the record's hostname
and port on each deployment (``make serve`` and ``make run`` do it too). Everything that prints an
absolute address — canonical links, Open Graph, the sitemap and robots.txt, feeds, share links, e-mails
sent from the site or from the admin, attestations — takes it from ``Site.root_url`` through the helpers
below, never from the host a request came in by.

Wagtail derives the scheme from the port (80 is ``http``, 443 is ``https``, any other port ``http``), so
an address Wagtail cannot represent (``https`` on another port than 443, ``http`` on 443) is refused.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_url(value):
    """``(hostname, port)`` of an address such as ``https://webassoc.fr`` or ``http://127.0.0.1:8000``;
    raises ``ValidationError`` with a French message for anything else."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("The site address is empty: give it as https://example.org."))
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValidationError(_("“%(value)s” is not a valid address.") % {"value": value}) from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValidationError(
            _("“%(value)s” is not a site address: give it as https://example.org.") % {"value": value}
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationError(
            _("The site address is only a scheme, a host name and an optional port (no path): “%(value)s”.")
            % {"value": value}
        )
    port = port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ValidationError(_("Wagtail serves https only on port 443: “%(value)s”.") % {"value": value})
    if parts.scheme == "http" and port == 443:
        raise ValidationError(_("Port 443 is https: “%(value)s”.") % {"value": value})
    return parts.hostname, port


def apply_site_url(value, site=None):
    """Point ``site`` (the default site) at ``value``; returns ``(site, changed)``."""
    hostname, port = parse_site_url(value)
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise ValidationError(_("There is no default site yet: run the migrations (and load_demo) first."))
    if (site.hostname, site.port) == (hostname, port):
        return site, False
    site.hostname, site.port = hostname, port
    site.full_clean()
    site.save()  # clears Wagtail's root-paths cache, renews the shared caches, purges the HTTP cache (home/cache.py)
    return site, True


def site_root_url(request=None, page=None):
    """``https://example.org`` (no trailing slash): the root of ``page``'s site, else of the site serving
    ``request``, else of the default site."""
    if page is not None:
        _site_id, root_url, _path = page.get_url_parts(request)
        if root_url:
            return root_url.rstrip("/")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # No Site record at all (a database being set up): the request's own address is all there is.
        return request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    return site.root_url.rstrip("/")


def absolute(url, request=None, page=None):
    """``url`` made absolute on the site's address (addresses that are already absolute, such as media
    on a bucket's domain, are kept)."""
    if not url:
        return ""
    if urlsplit(url).scheme:
        return url
    if url.startswith("//"):
        return site_root_url(request, page).split(":", 1)[0] + ":" + url
    return site_root_url(request, page) + ("" if url.startswith("/") else "/") + url


def rebase(url, request=None, page=None):
    """``url`` (absolute, built by a library from the request's host) moved to the site's address."""
    if not url:
        return url
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if parts.fragment:
        path += "#" + parts.fragment
    return site_root_url(request, page) + path
