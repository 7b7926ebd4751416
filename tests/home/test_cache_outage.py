"""The shared cache is an optimisation: a cache that is down serves pages uncached, never errors.

The default cache is pointed at a Redis that does not answer (a closed port of this machine), the
caches the site uses are on, and every page type, the search, the feed, the sitemap and a
rate-limited form must still work, with a warning in the log.
"""

import logging
import socket

import pytest
from django.core.cache import cache
from wagtail.models import Page

from home.models import StandardPage
from manifesto.models import Signature
from tests.factories.courses import CourseIndexPageFactory, build_course
from tests.factories.manifesto import ManifestoPageFactory
from tests.factories.news import NewsPageFactory, news_index_for
from tests.manifesto.conftest import sign_data

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again on leaving: nothing listens there


@pytest.fixture
def site(home_page):
    """One page of each type."""
    home_page.add_child(instance=StandardPage(title="À propos", slug="a-propos", intro="L’association."))
    build_course(CourseIndexPageFactory(parent=home_page), lessons=1, quizzes=1)
    ManifestoPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index_for(home_page))
    return home_page


@pytest.fixture
def cache_down(settings, site):
    settings.CACHES = {
        "default": {
            "BACKEND": "webassoc.cache_backends.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.MANIFESTO_MIN_FILL_SECONDS = 0
    return site


def one_live_page_per_type(home_page):
    pages = {}
    for page in Page.objects.descendant_of(home_page, inclusive=True).live().specific().order_by("path"):
        pages.setdefault(type(page), page)
    return pages


def test_every_page_type_answers_200_when_the_cache_is_down(client, cache_down, caplog):
    pages = one_live_page_per_type(cache_down)
    assert {cls.__name__ for cls in pages} >= {
        "HomePage",
        "StandardPage",
        "CourseIndexPage",
        "CoursePage",
        "LessonPage",
        "QuizPage",
        "ManifestoPage",
        "NewsIndexPage",
        "NewsPage",
    }
    urls = [page.url for page in pages.values()]
    news_index = next(page for cls, page in pages.items() if cls.__name__ == "NewsIndexPage")
    urls += [news_index.url + "flux/", "/recherche/?q=association", "/sitemap.xml", "/en/"]
    with caplog.at_level(logging.WARNING, logger="webassoc.cache_backends"):
        assert cache.get("anything", "missed") == "missed"  # the cache really is unreachable
        for url in urls:
            for _ in range(2):  # a second visit would be served from the cache if it worked
                response = client.get(url, follow=url == "/en/")
                assert response.status_code == 200, url
    assert "Cache unavailable" in caplog.text


def test_a_rate_limited_form_still_works_when_the_cache_is_down(client, cache_down, settings):
    settings.MANIFESTO_SIGN_RATE = "20/h"
    manifesto = next(
        page for cls, page in one_live_page_per_type(cache_down).items() if cls.__name__ == "ManifestoPage"
    )
    before = Signature.objects.count()
    response = client.post(manifesto.url, sign_data(manifesto, email="hors-ligne@example.org"))
    assert response.status_code == 302, response.content[:500]
    assert Signature.objects.count() == before + 1
