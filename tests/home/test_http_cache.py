"""What an HTTP cache in front of the site may keep (home/http_cache.py, docs/caching.md).

The application caches no whole page: it tells the proxy, with Cache-Control, which responses are the
same for every visitor, and purges the proxy when visitors would see a change. tests/proxy checks the
same through a real Varnish.
"""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from home.http_cache import VarnishBackend
from home.models import OrganisationSettings, StandardPage
from tests.factories.accounts import UserFactory
from tests.performance.urls import MESSAGE_TEXT

pytestmark = pytest.mark.django_db

PURGES = []


class RecordingBackend(VarnishBackend):
    """The Varnish backend without a Varnish: remembers what it would have sent."""

    def purge(self, url):
        PURGES.append(("PURGE", url))

    def ban_host(self, root_url):
        PURGES.append(("BAN", root_url))


@pytest.fixture
def proxy(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "tests.home.test_http_cache.RecordingBackend", "LOCATION": "http://127.0.0.1:1"}
    }
    PURGES.clear()
    yield PURGES
    PURGES.clear()


@pytest.fixture
def about_page(home_page):
    page = StandardPage(title="À propos de nous", slug="a-propos", intro="Une association de bénévoles.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = "tests.performance.urls"


def shared(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return "public" in directives and any(part.startswith("s-maxage=") for part in directives)


def personal(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return "private" in directives and ("no-store" in directives or "no-cache" in directives)


def test_an_anonymous_page_may_be_kept_by_the_proxy_and_not_by_the_browser(client, about_page, settings):
    settings.HTTP_CACHE_SECONDS = 120
    response = client.get("/a-propos/")
    assert response.status_code == 200
    assert shared(response)
    assert "s-maxage=120" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert shared(client.head("/a-propos/"))
    assert shared(client.get("/en/a-propos/"))
    assert shared(client.get("/recherche/?q=association"))
    assert shared(client.get("/sitemap.xml"))


def test_a_member_page_is_personal(client, about_page):
    client.force_login(UserFactory(first_name="Camille"))
    response = client.get("/a-propos/")
    assert personal(response)
    assert "Se déconnecter" in response.content.decode()


def test_a_visitor_with_a_session_or_messages_gets_personal_pages(client, about_page):
    session = Client()
    session.cookies["sessionid"] = "anything"
    assert personal(session.get("/a-propos/"))
    messages = Client()
    messages.cookies["messages"] = "pending"
    assert personal(messages.get("/a-propos/"))


def test_a_page_with_a_csrf_token_or_a_message_is_personal(home_page, test_urls):
    form = Client().get("/_perf/form/")
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert personal(form)
    with_message = Client().get("/_perf/message/", headers={"X-Add-Message": "1"})
    assert MESSAGE_TEXT in with_message.content.decode()
    assert personal(with_message)
    assert shared(Client().get("/_perf/message/"))


def test_a_view_that_says_how_to_cache_keeps_its_own_header(home_page, test_urls):
    response = Client().get("/_perf/private/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_posts_errors_admin_and_account_pages_are_never_shared(client, about_page):
    assert personal(client.post("/a-propos/", {"anything": "1"}))
    assert personal(client.get("/nulle-part/"))
    assert personal(client.get("/admin/login/", follow=True))
    assert personal(client.get("/comptes/connexion/"))


def test_a_private_page_is_never_shared(client, home_page, about_page):
    PageViewRestriction.objects.create(page=about_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/a-propos/")
    assert response.status_code == 302 and personal(response)
    client.force_login(UserFactory())
    response = client.get("/a-propos/")
    assert response.status_code == 200 and personal(response)


def test_nothing_is_shared_when_the_lifetime_is_zero(client, about_page, settings):
    settings.HTTP_CACHE_SECONDS = 0
    assert personal(client.get("/a-propos/"))


def test_publishing_unpublishing_moving_and_deleting_purge_the_proxy(proxy, home_page, about_page):
    root_url = Site.objects.get().root_url
    about_page.title = "Qui sommes-nous ?"
    about_page.save_revision().publish()
    assert ("BAN", root_url) in proxy
    assert ("PURGE", about_page.full_url) in proxy  # wagtail.contrib.frontend_cache's own purge

    for change in (
        lambda: Page.objects.get(pk=about_page.pk).unpublish(),
        lambda: Page.objects.get(pk=about_page.pk).move(home_page, pos="first-child"),
        lambda: Page.objects.get(pk=about_page.pk).delete(),
    ):
        proxy.clear()
        change()
        assert ("BAN", root_url) in proxy


def test_saving_a_setting_a_snippet_or_an_image_purges_the_proxy(proxy, home_page):
    import wagtail_factories

    organisation = OrganisationSettings.for_site(Site.objects.get())
    proxy.clear()
    organisation.name = "Asso du Web"
    organisation.save()
    assert ("BAN", Site.objects.get().root_url) in proxy
    proxy.clear()
    wagtail_factories.ImageFactory(title="Affiche")
    assert proxy


def test_saving_a_draft_does_not_purge(proxy, about_page):
    proxy.clear()
    about_page.title = "Brouillon"
    about_page.save_revision()
    assert proxy == []


def test_a_proxy_that_does_not_answer_never_stops_a_publish(settings, about_page, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "home.http_cache.VarnishBackend", "LOCATION": "http://127.0.0.1:1", "TIMEOUT": 0.5}
    }
    about_page.title = "Publié malgré tout"
    about_page.save_revision().publish()
    assert StandardPage.objects.get(pk=about_page.pk).title == "Publié malgré tout"
    assert "Could not invalidate" in caplog.text


# --- Anonymous forms on shareable pages: no CSRF token, their own defences (docs/caching.md) --------


def action_of(response, marker):
    return response.content.decode().split(marker, 1)[1].split('action="', 1)[1].split('"')[0].split("#")[0]


def test_the_help_request_page_is_shared_and_its_form_works_without_a_token(home_page, settings, mailoutbox):
    from community.models import HelpRequest
    from tests.community.conftest import request_data
    from tests.factories.community import HelpRequestPageFactory

    settings.COMMUNITY_MIN_FILL_SECONDS = 0
    page = HelpRequestPageFactory(parent=home_page)
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(page.url)
    assert shared(response) and "csrfmiddlewaretoken" not in response.content.decode()
    action = action_of(response, 'id="help-form-title"')
    assert action == f"/formulaires/demande-d-aide/{page.pk}/"
    answer = visitor.post(action, request_data())
    assert answer.status_code == 302
    assert HelpRequest.objects.filter(page=page).count() == 1
    assert len(mailoutbox) == 1


def lesson_pair(home_page):
    from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

    catalogue = CourseIndexPageFactory(parent=home_page, slug="formations")
    course = CoursePageFactory(parent=catalogue, slug="bases-du-web")
    first = LessonPageFactory(parent=course, slug="premiere-lecon", title="Première leçon")
    second = LessonPageFactory(parent=course, slug="deuxieme-lecon", title="Deuxième leçon")
    return first, second


def test_a_lesson_is_shared_and_a_visitor_marks_it_done_without_a_token(home_page):
    lesson, following = lesson_pair(home_page)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(lesson.url)
    assert shared(page) and "csrfmiddlewaretoken" not in page.content.decode()
    action = action_of(page, 'class="lesson-complete"')
    assert action == f"/formulaires/lecon-terminee/{lesson.pk}/"
    response = visitor.post(action)
    assert response.status_code == 302 and response["Location"] == following.url
    # Now the visitor has progress (a session): their pages are their own, never shared.
    again = visitor.get(lesson.url)
    assert personal(again)
    assert "Vous avez terminé cette leçon." in again.content.decode()
    # Other visitors still get the shared page, without that progress.
    other = Client().get(lesson.url)
    assert shared(other) and "Vous avez terminé cette leçon." not in other.content.decode()


def test_a_member_marks_a_lesson_done_with_a_csrf_token_only(home_page):
    from courses.models import LessonCompletion

    lesson, _following = lesson_pair(home_page)
    member = Client(enforce_csrf_checks=True)
    user = UserFactory()
    member.force_login(user)
    page = member.get(lesson.url)
    assert personal(page)
    action = action_of(page, 'class="lesson-complete"')
    assert action == f"{lesson.url}terminer/"
    assert member.post(action).status_code == 403  # no token: refused
    # The token-free address does nothing for an account: back to the lesson, nothing recorded.
    response = member.post(f"/formulaires/lecon-terminee/{lesson.pk}/")
    assert response.status_code == 302 and response["Location"] == lesson.url
    assert not LessonCompletion.objects.filter(user=user).exists()
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"')[0]
    assert member.post(action, {"csrfmiddlewaretoken": token}).status_code == 302
    assert LessonCompletion.objects.filter(user=user, lesson=lesson).exists()
