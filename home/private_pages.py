"""Personal pages are never kept by a cache that is not the member's own, nor on their disk.

- Pages under ``PRIVATE_PAGE_PREFIXES`` (the account pages, "Mes formations" with the attestations, the
  personal-data download), in every language: ``Cache-Control: private, no-store`` (what Django's
  ``never_cache`` sends), whoever asks, so that a shared computer's browser keeps nothing of them either.
- Any other answer to a request that carries a session (a logged-in member, a visitor who passed a page
  password or has progress kept in their session) or that starts one: ``private``, so that no proxy or
  CDN in front of the site stores a page made for one person.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


def _prefixes():
    prefixes = tuple(getattr(settings, "PRIVATE_PAGE_PREFIXES", ()))
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return prefixes + tuple(f"/{code}{prefix}" for code in languages for prefix in prefixes)


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = _prefixes()

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefixes):
            add_never_cache_headers(response)
        elif settings.SESSION_COOKIE_NAME in request.COOKIES or settings.SESSION_COOKIE_NAME in response.cookies:
            patch_cache_control(response, private=True)
        return response
