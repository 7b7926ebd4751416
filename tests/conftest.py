import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's home page, with the default site pointing at it (no demo content)."""
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


@pytest.fixture
def demo_content(db):
    """The whole demo data set, as `make run` loads it."""
    call_command("load_demo", "--no-users", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return HomePage.objects.get()


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` (real concurrency) are skipped before any set-up on other databases:
    setting up their transactional database on SQLite is wasted work and can clash with other tests."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)
