"""Admin screens (and a member's own screens) reached with the id of something that does not exist
(deleted, never created, or a number beyond what the database column holds) answer 404, never a server
error: SQLite could not bind a number beyond 64 bits, so ``<id:…>`` (home/converters.py) takes at most 18
digits."""

import pytest
from django.test import Client

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

# Beyond a 64-bit integer: PostgreSQL refused it ("integer out of range") and SQLite could not bind it.
MISSING_IDS = ["999999", "99999999999999999999", "0"]
ADMIN_URLS = [
    "/admin/reports/formations/{id}/apprenants/",
    "/admin/reports/formations/{id}/apprenants/resultats/",
    "/admin/reports/formations/{id}/apprenants/{id}/reinitialiser/",
    "/admin/reports/formations/{id}/avis/",
    "/admin/reports/formations/quiz/{id}/questions/",
    "/admin/reports/formations/quiz/{id}/questions/resultats/",
    "/admin/reports/formations/lecons/{id}/avis/",
    "/admin/formations/quiz/{id}/coller/",
    "/admin/formations/{id}/publier-avec-les-etapes/",
    "/admin/community/requests/{id}/benevoles/",
    "/admin/ateliers/sessions/cancel/{id}/",
    "/admin/ateliers/sessions/capacity/{id}/",
    "/admin/ateliers/sessions/message/{id}/",
    "/admin/ateliers/sessions/attendance/{id}/",
    "/admin/snippets/manifesto/signature/edit/{id}/",
    "/admin/snippets/manifesto/signature/inspect/{id}/",
    "/admin/snippets/community/helprequest/edit/{id}/",
    "/admin/ateliers/inscriptions/inspect/{id}/",
    "/admin/pages/{id}/edit/",
    "/admin/pages/{id}/",
    "/admin/snippets/manifesto/signature/delete/{id}/",
    "/admin/snippets/manifesto/signature/history/{id}/",
]
# A member's own screens that carry an id in their address.
ADMIN_URLS += [
    "/mes-formations/avis/lecon/{id}/",
    "/mes-formations/avis/formation/{id}/",
    "/mes-formations/ateliers/{id}/annuler/",
]
# Listings filtered by the id of something that does not exist: the list, unfiltered or empty.
FILTERED_LISTINGS = [
    "/admin/snippets/manifesto/signature/?profession={id}",
    "/admin/ateliers/inscriptions/?session={id}",
    "/admin/ateliers/inscriptions/?session={id}&export=csv",
    "/admin/reports/formations/?p={id}",
]


@pytest.fixture(scope="module")
def admin_urls():
    from django.urls import Resolver404, resolve

    urls = []
    for pattern in ADMIN_URLS:
        try:
            resolve(pattern.format(id="1"))
        except Resolver404:
            pytest.fail(f"{pattern} is no admin address any more: update the list")
        urls.append(pattern)
    return urls


@pytest.mark.parametrize("missing", MISSING_IDS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_admin_screens_answer_404_for_ids_that_do_not_exist(home_page, admin_urls, missing, method):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    failures = []
    for pattern in admin_urls:
        url = pattern.format(id=missing)
        response = getattr(client, method)(url)
        # A screen may refuse the method (405: a POST to a page that only shows, a GET to an action).
        if response.status_code not in (404, 405):
            failures.append((url, response.status_code))
    assert failures == []


@pytest.mark.parametrize("missing", MISSING_IDS)
def test_listings_filtered_by_an_id_that_does_not_exist_are_no_server_error(home_page, missing):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(email="admin@example.org", is_staff=True, is_superuser=True))
    for pattern in FILTERED_LISTINGS:
        url = pattern.format(id=missing)
        assert client.get(url).status_code in (200, 404), url
