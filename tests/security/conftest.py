"""Shared helpers for the security suite: find pages of the feature apps when they exist."""

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse


def get_model_or_none(label):
    """``apps.get_model`` that answers None while a feature app has not landed its model yet."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def live_page_url(label, **filters):
    """URL of the first live public page of type ``label`` ("courses.CoursePage"), or None."""
    model = get_model_or_none(label)
    if model is None:
        return None
    page = model.objects.live().public().filter(**filters).order_by("path").first()
    return page.url if page else None


def require_page_url(label, **filters):
    url = live_page_url(label, **filters)
    if url is None:
        pytest.fail(f"no live {label} page yet (app not landed or no demo content)")
    return url


def reverse_or_none(name, *args, **kwargs):
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def require_reverse(name, *args, **kwargs):
    url = reverse_or_none(name, *args, **kwargs)
    if url is None:
        pytest.fail(f"URL {name!r} does not exist yet")
    return url


# --- fixtures of the fuzzing, access and concurrency tests -------------------------------------------


@pytest.fixture(autouse=True)
def _french_after_each_test():
    """A request under /en/ activates English in the test's thread: back to French after each test."""
    from django.utils import translation

    yield
    translation.activate("fr")


@pytest.fixture
def open_forms(settings):
    """No minimum fill time and no rate limit in the way: the subject is the input, not the limits."""
    settings.MANIFESTO_MIN_FILL_SECONDS = 0
    settings.MANIFESTO_SIGN_RATE = "100000/m"
    settings.MANIFESTO_EMAIL_RATE = "100000/m"
    settings.COURSES_QUIZ_SUBMIT_RATE = "100000/m"
    settings.COURSES_QUIZ_ANSWER_RATE = "100000/m"
    settings.ACCOUNT_RATE_LIMITS = False
    return settings


class SmallSite:
    """What the security tests need, built with the factories (the demo loader takes ~20 s)."""

    home = course_index = course = lesson = quiz = manifesto = news_index = article = None
    theme = category = tag = None


def ensure_home_page():
    """The site's home page (as the ``home_page`` fixture of tests/conftest.py makes it)."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil", hero_title="Le web au service des associations")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Webassoc")
    return home


def build_small_site(home_page):
    """A home page with whatever feature app exists: a catalogue with one course (two lessons then a
    quiz), the manifesto, the news index with two articles (a category and tags)."""
    site = SmallSite()
    site.home = home_page
    if get_model_or_none("courses.CoursePage") is not None:
        from tests.factories.courses import CourseIndexPageFactory, build_course

        site.course_index = CourseIndexPageFactory(parent=home_page)
        site.course = build_course(site.course_index, lessons=2, quizzes=1)
        steps = site.course.get_children().specific().order_by("path")
        site.lesson = steps[0]
        site.quiz = steps[len(steps) - 1]
        site.theme = site.course.theme
    if get_model_or_none("manifesto.ManifestoPage") is not None:
        from tests.factories.manifesto import ManifestoPageFactory

        site.manifesto = ManifestoPageFactory(parent=home_page)
    if get_model_or_none("news.NewsPage") is not None:
        from tests.factories.news import CategoryFactory, NewsIndexPageFactory, NewsPageFactory

        site.news_index = NewsIndexPageFactory(parent=home_page)
        site.category = CategoryFactory(name="Vie associative", slug="vie-associative")
        site.article = NewsPageFactory(parent=site.news_index, category=site.category, tags=["bénévolat"])
        NewsPageFactory(parent=site.news_index, category=site.category, tags=["formation"])
        site.tag = "benevolat"
    return site


@pytest.fixture
def small_site(home_page):
    return build_small_site(home_page)


@pytest.fixture(scope="module")
def _module_site(django_db_setup, django_db_blocker):
    """``build_small_site`` once for a whole module (it takes about 0.6 s), in a transaction rolled back
    at the module's end; each test runs in its own savepoint on top of it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        site = build_small_site(ensure_home_page())
        yield site
        transaction.set_rollback(True)


@pytest.fixture
def shared_site(_module_site, db):
    """The module's small site. Tests may change the database freely (rolled back), not these objects."""
    return _module_site
