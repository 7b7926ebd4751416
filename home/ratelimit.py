"""Rate limits keyed on a hashed client address (no raw IP is ever stored).

The address is the peer address, or the entry added by the last trusted proxy in
X-Forwarded-For when ``TRUSTED_PROXY_COUNT`` proxies stand in front of the site.
"""

import hashlib

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_ip(request):
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hash_address(address):
    """A keyed hash of a client address: stable enough to count requests, useless if leaked."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def hashed_client_ip(request):
    return hash_address(client_ip(request))


def client_key(group, request):
    """Key function for django-ratelimit."""
    return hashed_client_ip(request)


def is_rate_limited(request, group, rate, increment=True):
    """True when ``request``'s client went over ``rate`` (e.g. "5/m") for ``group``."""
    return is_ratelimited(request, group=group, key=client_key, rate=rate, increment=increment)


def rate_limited_response(request):
    """The HTTP 429 page, in the site's design, with a clear (translated) message."""
    return render(request, "429.html", status=429)
