"""The whole-page cache (home/cache.py): fast for anonymous visitors, purged on publish, and never
serving one visitor's token, messages or pages to another."""

import os
import time

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from home import cache as page_cache_module
from home.models import StandardPage
from tests.factories.accounts import UserFactory
from tests.performance.urls import MESSAGE_TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

CACHE_HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def site_settings(home_page):
    """Site settings are created on first read, which purges the cache: create them up front."""
    from wagtail.models import Site

    from home.models import NavigationSettings, OrganisationSettings

    site = Site.objects.get()
    OrganisationSettings.for_site(site)
    NavigationSettings.for_site(site)


@pytest.fixture
def about_page(home_page):
    page = StandardPage(title="À propos de nous", slug="a-propos", intro="Une association de bénévoles.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = "tests.performance.urls"


def test_anonymous_second_request_is_served_from_the_cache_without_sql(client, about_page, django_assert_num_queries):
    first = client.get("/a-propos/")
    assert first.status_code == 200
    assert first[CACHE_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = Client().get("/a-propos/")
    assert second.status_code == 200
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content


def test_head_request_is_served_from_the_page_stored_by_a_get(client, about_page):
    client.get("/a-propos/")
    assert client.head("/a-propos/")[CACHE_HEADER] == "hit"


def test_cache_key_includes_query_string_and_language(client, about_page):
    client.get("/a-propos/")
    assert client.get("/a-propos/?page=2")[CACHE_HEADER] == "miss"
    assert client.get("/a-propos/?page=2")[CACHE_HEADER] == "hit"
    english = client.get("/en/a-propos/")
    assert english[CACHE_HEADER] == "miss"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="fr"' in client.get("/a-propos/").content.decode()


def test_search_results_are_cached_per_query(client, about_page):
    assert client.get("/recherche/?q=association")[CACHE_HEADER] == "miss"
    other = client.get("/recherche/?q=inconnu")
    assert other[CACHE_HEADER] == "miss"
    assert "À propos de nous" not in other.content.decode()
    assert "À propos de nous" in client.get("/recherche/?q=association").content.decode()


def test_publishing_a_page_purges_every_cached_page(client, home_page, about_page):
    client.get("/")
    client.get("/a-propos/")
    about_page.title = "Qui sommes-nous ?"
    about_page.save_revision().publish()

    response = client.get("/a-propos/")
    assert response[CACHE_HEADER] == "miss"
    assert "Qui sommes-nous ?" in response.content.decode()
    assert client.get("/")[CACHE_HEADER] == "miss"


def test_unpublishing_a_page_purges_it(client, about_page):
    assert client.get("/a-propos/").status_code == 200
    about_page.unpublish()
    assert client.get("/a-propos/").status_code == 404


def test_moving_a_page_purges_its_old_address(client, home_page, about_page):
    parent = StandardPage(title="L'association", slug="association")
    home_page.add_child(instance=parent)
    parent.save_revision().publish()
    assert client.get("/a-propos/").status_code == 200

    Page.objects.get(pk=about_page.pk).move(parent, pos="last-child")

    old_address = client.get("/a-propos/")
    assert old_address.status_code in (301, 404)  # Wagtail creates a redirect when a page moves
    assert CACHE_HEADER not in old_address
    assert client.get("/association/a-propos/").status_code == 200


def test_deleting_a_page_purges_it(client, about_page):
    assert client.get("/a-propos/").status_code == 200
    Page.objects.get(pk=about_page.pk).delete()
    assert client.get("/a-propos/").status_code == 404


def test_saving_site_settings_purges_the_cache(client, about_page):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    client.get("/a-propos/")
    organisation = OrganisationSettings.for_site(Site.objects.get())
    organisation.name = "Asso du Web"
    organisation.save()
    response = client.get("/a-propos/")
    assert response[CACHE_HEADER] == "miss"
    assert "Asso du Web" in response.content.decode()


def test_purge_reaches_other_processes_through_the_stamp_file(client, about_page, page_cache):
    """With the local-memory cache each worker has its own copy: the stamp file's time is part of the key."""
    client.get("/a-propos/")
    assert client.get("/a-propos/")[CACHE_HEADER] == "hit"
    # Another worker published: it touched the stamp file (this process's generation key is unchanged).
    stamp = page_cache.PAGE_CACHE_STAMP_FILE
    open(stamp, "a").close()
    later = time.time_ns() + 1_000_000_000
    os.utime(stamp, ns=(later, later))
    assert client.get("/a-propos/")[CACHE_HEADER] == "miss"


def test_logged_in_member_pages_are_never_cached_nor_served_from_the_cache(client, about_page):
    member = UserFactory(first_name="Camille")
    Client().get("/a-propos/")  # an anonymous visitor fills the cache
    client.force_login(member)

    response = client.get("/a-propos/")
    assert CACHE_HEADER not in response
    assert "Log out" in response.content.decode() or "Se déconnecter" in response.content.decode()
    assert CACHE_HEADER not in client.get("/a-propos/")

    # Nothing the member saw was stored: the anonymous copy has no account links.
    anonymous = Client().get("/a-propos/")
    assert anonymous[CACHE_HEADER] == "hit"
    assert "Log out" not in anonymous.content.decode()
    assert "Se déconnecter" not in anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()


def test_member_first_visit_is_not_stored_for_anonymous_visitors(client, about_page):
    client.force_login(UserFactory())
    client.get("/a-propos/")
    client.get("/a-propos/")
    first_anonymous = Client().get("/a-propos/")
    assert first_anonymous[CACHE_HEADER] == "miss"
    assert "csrfmiddlewaretoken" not in first_anonymous.content.decode()


def form_token(response):
    return response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def matches_cookie(token, response):
    from django.middleware.csrf import _does_token_match

    return _does_token_match(token, response.cookies[settings.CSRF_COOKIE_NAME].value)


def test_a_page_with_a_form_is_cached_with_a_token_of_each_visitors_own(home_page, test_urls):
    visitor_a = Client(enforce_csrf_checks=True)
    visitor_b = Client(enforce_csrf_checks=True)
    page_a = visitor_a.get("/_perf/form/")
    assert page_a[CACHE_HEADER] == "miss"
    assert matches_cookie(form_token(page_a), page_a)

    page_b = visitor_b.get("/_perf/form/")
    assert page_b[CACHE_HEADER] == "hit"
    token_b = form_token(page_b)
    assert token_b != form_token(page_a)
    assert page_b.cookies[settings.CSRF_COOKIE_NAME].value != page_a.cookies[settings.CSRF_COOKIE_NAME].value
    assert matches_cookie(token_b, page_b) and not matches_cookie(token_b, page_a)
    assert "placeholder" not in page_b.content.decode()
    assert int(page_b["Content-Length"]) == len(page_b.content)
    # Each visitor's form works with their own token, and only with it.
    assert visitor_b.post("/_perf/form/", {"csrfmiddlewaretoken": token_b}).status_code == 200
    assert visitor_b.post("/_perf/form/", {"csrfmiddlewaretoken": form_token(page_a)}).status_code == 403

    # A visitor who already holds a token cookie keeps it: the page is filled with that secret.
    again_a = visitor_a.get("/_perf/form/")
    assert again_a[CACHE_HEADER] == "hit"
    assert matches_cookie(form_token(again_a), page_a)


def test_a_page_using_the_token_outside_a_form_field_is_not_stored(home_page, test_urls):
    first = Client().get("/_perf/token-elsewhere/")
    second = Client().get("/_perf/token-elsewhere/")
    assert not second.has_header(CACHE_HEADER) or second[CACHE_HEADER] != "hit"
    assert form_token(first) not in second.content.decode()


def test_messages_are_never_served_to_another_visitor(home_page, test_urls):
    visitor_a, visitor_b = Client(), Client()
    with_message = visitor_a.get("/_perf/message/", headers={"X-Add-Message": "1"})
    assert MESSAGE_TEXT in with_message.content.decode()
    assert CACHE_HEADER not in with_message

    for_b = visitor_b.get("/_perf/message/")
    assert for_b[CACHE_HEADER] == "miss"
    assert MESSAGE_TEXT not in for_b.content.decode()


def test_visitor_with_pending_messages_bypasses_the_cache(client, about_page):
    Client().get("/a-propos/")
    client.cookies["messages"] = "pending"
    assert CACHE_HEADER not in client.get("/a-propos/")


def test_post_is_never_cached_nor_answered_from_the_cache(client, about_page):
    client.get("/a-propos/")
    response = client.post("/a-propos/", {"anything": "1"})
    assert CACHE_HEADER not in response
    assert Client().get("/a-propos/")[CACHE_HEADER] == "hit"


def test_private_and_no_store_responses_are_not_cached(home_page, test_urls):
    assert CACHE_HEADER not in Client().get("/_perf/private/")
    assert CACHE_HEADER not in Client().get("/_perf/private/")


def test_admin_and_account_pages_are_not_cached(client, home_page):
    client.get("/admin/login/")
    assert CACHE_HEADER not in client.get("/admin/login/")
    assert CACHE_HEADER not in client.get("/comptes/connexion/")


def test_cache_can_be_disabled(client, about_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/a-propos/")
    assert CACHE_HEADER not in client.get("/a-propos/")


def test_not_found_pages_are_not_cached(client, home_page):
    client.get("/nulle-part/")
    assert CACHE_HEADER not in client.get("/nulle-part/")


def test_generation_changes_on_purge(page_cache):
    before = page_cache_module.current_generation()
    page_cache_module.purge_all()
    assert page_cache_module.current_generation() != before


def test_a_lesson_is_cached_for_visitors_and_each_one_marks_it_done_with_their_own_token(home_page):
    from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

    catalogue = CourseIndexPageFactory(parent=home_page, slug="formations")
    course = CoursePageFactory(parent=catalogue, slug="bases-du-web")
    lesson = LessonPageFactory(parent=course, slug="premiere-lecon", title="Première leçon")
    LessonPageFactory(parent=course, slug="deuxieme-lecon")
    Client().get(lesson.url)
    assert Client().get(lesson.url)[CACHE_HEADER] == "hit"

    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(lesson.url)
    assert page[CACHE_HEADER] == "hit"
    response = visitor.post(f"{lesson.url}terminer/", {"csrfmiddlewaretoken": form_token(page)})
    assert response.status_code == 302
    # Now the visitor has progress (a session): their pages are their own, never from the cache.
    again = visitor.get(lesson.url)
    assert CACHE_HEADER not in again
    assert "Vous avez terminé cette leçon." in again.content.decode()
    # Other visitors still get the shared page, without that progress.
    other = Client().get(lesson.url)
    assert other[CACHE_HEADER] == "hit"
    assert "Vous avez terminé cette leçon." not in other.content.decode()
