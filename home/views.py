import logging
import re

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from .privacy import public_q
from .site_url import absolute

logger = logging.getLogger(__name__)

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200
# Keep words only: quotes, brackets and operators are full-text syntax on SQLite (FTS5) and
# PostgreSQL and would turn a visitor's typo into a database error.
_NON_WORD = re.compile(r"[^\w\s-]|[\x00-\x1f\x7f_]")


def clean_query(value):
    """A search query made safe for every backend: words only, bounded length."""
    value = _NON_WORD.sub(" ", value or "")
    return " ".join(value.split())[:SEARCH_QUERY_MAX_LENGTH]


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results_page = None
    if query:
        results = Page.objects.live().filter(public_q()).specific().search(query)
        try:
            results_page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            results_page.object_list = list(results_page.object_list)
        except DatabaseError:
            # A query the full-text engine cannot parse is answered with no result, not an error.
            logger.warning("Search query could not be run: %r", query, exc_info=True)
            results_page = Paginator([], SEARCH_RESULTS_PER_PAGE).get_page(1)
    return render(request, "home/search.html", {"search_query": query, "results": results_page})


@require_safe
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    sitemap_url = absolute("/sitemap.xml", request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comptes/",
        "Disallow: /en/comptes/",
        "Disallow: /recherche/",
        "Disallow: /en/recherche/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)
