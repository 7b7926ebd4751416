"""What Varnish keeps and gives, with the repository's VCL in front of the site (docs/caching.md)."""

import re
from urllib.parse import urlencode

import pytest

from tests.proxy.conftest import MEMBER_NAME, get, request, wait_for

ANONYMOUS_PAGES = ["/", "/a-propos/", "/manifeste/", "/en/a-propos/", "/recherche/?q=association", "/sitemap.xml"]


def hit(path, **kwargs):
    """``path`` answered from Varnish's store (it is fetched until it is)."""
    return wait_for(lambda: (response := get(path, **kwargs)).cache == "HIT" and response, 5, f"{path} never a hit")


def assert_shareable(response):
    """Nothing personal in a page Varnish gave from its store."""
    assert response.cache == "HIT"
    assert response.header("Set-Cookie") is None, response.header("Set-Cookie")
    assert "csrfmiddlewaretoken" not in response.text
    assert MEMBER_NAME not in response.text
    assert "Se déconnecter" not in response.text and "Log out" not in response.text


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_pages_are_hits_and_carry_nothing_personal(fresh, path):
    first = get(path)
    assert first.status == 200 and first.cache == "MISS", first
    assert "public" in first.header("Cache-Control") and "s-maxage=" in first.header("Cache-Control")
    second = get(path)
    assert second.cache == "HIT" and second.header("Age") is not None, second
    assert_shareable(second)
    assert second.body == first.body


def test_tracking_cookies_and_parameters_do_not_split_the_store(fresh):
    get("/a-propos/")
    assert get("/a-propos/", cookies={"_ga": "GA1.1.123", "consent": "yes"}).cache == "HIT"
    assert get("/a-propos/?utm_source=lettre&utm_medium=email").cache == "HIT"
    assert get("/a-propos/", headers={"Accept-Language": "en-GB,en;q=0.8"}).cache == "HIT"


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "csrftoken"])
def test_a_request_with_a_session_messages_or_csrf_cookie_never_gets_nor_fills_a_stored_page(fresh, cookie):
    for _ in range(2):
        response = get("/a-propos/", cookies={cookie: "x" * 32, "_ga": "1"})
        assert response.status == 200 and response.cache == "PASS", response
    # Those requests stored nothing: the first anonymous one is fetched from the application.
    assert get("/a-propos/").cache == "MISS"
    hit("/a-propos/")
    assert get("/a-propos/", cookies={cookie: "x" * 32}).cache == "PASS"


def test_a_member_gets_their_own_page_and_it_is_never_stored(fresh, proxy):
    session = proxy.member_session()
    hit("/a-propos/")  # an anonymous copy is in the store
    for _ in range(2):
        mine = get("/a-propos/", cookies={"sessionid": session})
        assert mine.cache == "PASS", mine
        assert "private" in mine.header("Cache-Control")
        assert "Se déconnecter" in mine.text
    proxy.ban()
    mine = get("/", cookies={"sessionid": session})
    assert mine.cache == "PASS" and "private" in mine.header("Cache-Control")
    assert_shareable(hit("/"))


def test_a_response_that_sets_a_cookie_is_never_stored(fresh):
    # A public page with a form that needs a CSRF token (checking an attestation file): its response
    # sets the token's cookie, so neither the application nor Varnish lets it be shared.
    for _ in range(3):
        page = get("/attestations/verifier-un-fichier/")
        assert page.status == 200 and page.cache == "PASS", page
        assert "csrftoken=" in page.header("Set-Cookie")
        assert "private" in page.header("Cache-Control")


def test_private_and_draft_pages_are_never_stored(fresh):
    for _ in range(3):
        private = get("/espace/")
        assert private.status == 302 and private.cache == "PASS", private
        draft = get("/brouillon/")
        assert draft.status == 404 and draft.cache != "HIT", draft
        assert "Brouillon secret" not in draft.text


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)


def test_publishing_and_unpublishing_are_seen_through_the_proxy_within_a_second(fresh, proxy):
    hit("/a-propos/")
    hit("/")
    proxy.editor.run(
        "from home.models import StandardPage\n"
        "page = StandardPage.objects.get(slug='a-propos')\n"
        "page.title = 'Qui sommes-nous'\n"
        "page.save_revision().publish()\n"
    )
    wait_for(lambda: "Qui sommes-nous" in get("/a-propos/").text, 1, "the published title is not shown")
    proxy.editor.run(
        "from home.models import StandardPage\nStandardPage.objects.get(slug='mentions-legales').unpublish()\n"
    )
    wait_for(lambda: get("/mentions-legales/").status == 404, 1, "the unpublished page is still served")
    proxy.editor.run(
        "from home.models import StandardPage\n"
        "page = StandardPage.objects.get(slug='mentions-legales')\n"
        "page.save_revision().publish()\n"
    )
    wait_for(lambda: get("/mentions-legales/").status == 200, 1, "the published page is not served")


def test_moving_a_page_is_seen_through_the_proxy_within_a_second(fresh, proxy):
    hit("/a-propos/")
    proxy.editor.run(
        "from home.models import StandardPage\n"
        "page = StandardPage.objects.get(slug='a-propos')\n"
        "page.move(StandardPage.objects.get(slug='mentions-legales'), pos='last-child')\n"
    )
    try:
        wait_for(lambda: get("/mentions-legales/a-propos/").status == 200, 1, "the moved page is not served")
        wait_for(lambda: get("/a-propos/").status in (301, 302, 404), 1, "the old address still gives the page")
    finally:
        proxy.editor.run(
            "from home.models import HomePage, StandardPage\n"
            "StandardPage.objects.get(slug='a-propos').move(HomePage.objects.get(), pos='last-child')\n"
            "from wagtail.contrib.redirects.models import Redirect\nRedirect.objects.all().delete()\n"
        )


def test_saving_a_setting_is_seen_through_the_proxy_within_a_second(fresh, proxy):
    assert "Webassoc" in title_of(hit("/a-propos/"))
    proxy.editor.run(
        "from wagtail.models import Site\nfrom home.models import OrganisationSettings\n"
        "settings = OrganisationSettings.for_site(Site.objects.get())\n"
        "settings.name = 'Asso du Web'\nsettings.save()\n"
    )
    try:
        wait_for(lambda: "Asso du Web" in title_of(get("/a-propos/")), 1, "the new name is not shown")
    finally:
        proxy.editor.run(
            "from wagtail.models import Site\nfrom home.models import OrganisationSettings\n"
            "settings = OrganisationSettings.for_site(Site.objects.get())\n"
            "settings.name = 'Webassoc'\nsettings.save()\n"
        )


def test_the_shared_manifesto_form_signs_through_the_proxy(fresh):
    page = hit("/manifeste/")
    assert_shareable(page)
    action = page.text.split('id="manifesto-form-title"', 1)[1].split('action="', 1)[1].split('"')[0].split("#")[0]
    started = page.text.split('name="started" value="', 1)[1].split('"')[0]
    profession = re.search(r'name="profession" value="([^"]+)"', page.text)
    fields = {
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille.durand@example.org",
        "profession": profession.group(1) if profession else "other",
        "profession_other": "Photographe",
        "city": "Lyon",
        "consent": "on",
        "website": "",
        "started": started,
    }
    answer = request(
        "POST",
        action,
        body=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"},
    )
    # No CSRF token is asked (a signature acts for nobody): signed, or, when sent faster than the minimum
    # fill time after the page was rendered, the form shown again with what was typed. Never a 403.
    assert answer.cache == "PASS"
    if answer.status == 302:
        assert answer.header("Location").endswith("/manifeste/merci/")
        assert "sessionid=" in answer.header("Set-Cookie")
    else:
        assert answer.status == 200, answer
        assert 'value="Camille"' in answer.text and "private" in answer.header("Cache-Control")


def test_the_sign_rate_limit_counts_across_workers_per_address_seen_by_the_proxy(fresh):
    """Last in this module: it spends this machine's signing allowance for the hour.

    Two gunicorn workers count in the one database cache; the address is the one Varnish saw (the last
    X-Forwarded-For entry, TRUSTED_PROXY_COUNT=1), so a forged header changes nothing.
    """
    page = hit("/manifeste/")
    action = page.text.split('id="manifesto-form-title"', 1)[1].split('action="', 1)[1].split('"')[0].split("#")[0]
    robot = urlencode({"website": "https://spam.example", "email": "robot@example.org"})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    statuses = []
    for number in range(25):
        forged = {**headers, "X-Forwarded-For": f"198.51.100.{number}"}
        statuses.append(request("POST", action, body=robot, headers=forged).status)
    # The honeypot answers as if all went well (302) until the limit of 20 an hour, then 429.
    assert 429 in statuses, statuses
    limited = statuses.index(429)
    assert 19 <= limited <= 20 and set(statuses[:limited]) == {302} and set(statuses[limited:]) == {429}, statuses
