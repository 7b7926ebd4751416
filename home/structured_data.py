"""Structured data (JSON-LD, schema.org) for search engines.

A page type describes itself with ``get_structured_data(request)``, a list of schema.org objects as
dictionaries; ``{% structured_data page %}`` (base.html) prints them, and the breadcrumbs component prints
the ``BreadcrumbList`` wherever breadcrumbs show. Addresses are on the site's address (home/site_url.py).
The JSON is escaped as Django's ``json_script`` escapes it, so that no text typed by an editor or a
visitor can close the script element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .site_url import absolute, site_root_url

CONTEXT = "https://schema.org"
# What json_script escapes: the JSON can then sit in HTML without ending its element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """``<script type="application/ld+json">`` holding ``data``, escaped; "" for nothing."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


def compact(data):
    """``data`` without its empty values (schema.org validators flag empty strings and lists)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def organization(request=None, page=None):
    """The association as a schema.org ``Organization``, from the Organisation settings."""
    from .models import OrganisationSettings

    root = site_root_url(request, page)
    settings = OrganisationSettings.for_request(request) if request is not None else None
    if settings is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        settings = OrganisationSettings.for_site(site) if site else None
    name = settings.name if settings else ""
    data = {"@type": "Organization", "name": name, "url": root + "/"}
    if settings is None:
        return data
    lines = [line.strip() for line in settings.postal_address.splitlines() if line.strip()]
    address = None
    if lines:
        address = {"@type": "PostalAddress", "streetAddress": ", ".join(lines[:-1]) or lines[0]}
        last = lines[-1].split(" ", 1)
        if len(lines) > 1 and len(last) == 2 and last[0].isdigit():
            address.update(postalCode=last[0], addressLocality=last[1], addressCountry="FR")
    same_as = [block.value.href for block in settings.social_links if block.value.href.startswith("http")]
    return compact(
        {
            **data,
            "description": settings.tagline,
            "email": settings.contact_email,
            "address": address,
            "sameAs": same_as,
        }
    )


def image_url(image, spec="fill-1200x630", request=None, page=None):
    """The absolute address of a rendition of ``image`` (None when there is no image or file)."""
    if image is None:
        return None
    from wagtail.images.models import SourceImageIOError

    try:
        return absolute(image.get_rendition(spec).url, request, page)
    except SourceImageIOError:
        return None


def breadcrumb_list(items):
    """A ``BreadcrumbList`` from ``(name, absolute url)`` pairs."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }
