"""Private sections (Wagtail view restrictions) stay private although their list is cached (home/privacy.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def add_page(parent, slug, title=None):
    page = StandardPage(title=title or slug.capitalize(), slug=slug, intro="Une page de l'association.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/comptes/login/?next=")


def test_a_page_made_private_after_a_visit_is_private_on_the_next_visit(client, home_page):
    page = add_page(home_page, "espace-membres")
    assert client.get("/espace-membres/").status_code == 200  # the "no private section" list is now cached
    restriction = restrict(page)
    assert is_login_redirect(client.get("/espace-membres/"))
    restriction.delete()
    assert client.get("/espace-membres/").status_code == 200


def test_the_pages_under_a_private_page_are_private(client, home_page):
    section = add_page(home_page, "espace-membres")
    add_page(section, "compte-rendu")
    client.get("/espace-membres/compte-rendu/")
    restrict(section)
    assert is_login_redirect(client.get("/espace-membres/compte-rendu/"))


def test_an_alias_of_a_private_page_is_private(client, home_page):
    section = add_page(home_page, "espace-membres")
    elsewhere = add_page(home_page, "ailleurs")
    restrict(section)
    section.create_alias(parent=elsewhere, update_slug="copie")
    assert is_login_redirect(client.get("/ailleurs/copie/"))


def test_a_logged_in_member_sees_a_login_restricted_page(client, home_page, django_user_model):
    page = add_page(home_page, "espace-membres", title="Espace des membres")
    restrict(page)
    client.force_login(django_user_model.objects.create_user(email="membre@example.org", password="x" * 12))
    assert "Espace des membres" in client.get("/espace-membres/").content.decode()


def test_public_pages_cost_no_restriction_query_even_when_another_section_is_private(client, home_page):
    restrict(add_page(home_page, "espace-membres"))
    add_page(home_page, "a-propos")
    client.get("/a-propos/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/a-propos/").status_code == 200
    assert not [query for query in queries if "wagtailcore_pageviewrestriction" in query["sql"]]


def test_private_pages_never_appear_in_search_results(client, home_page):
    add_page(home_page, "reunion-publique", title="Réunion publique des bénévoles")
    private = add_page(home_page, "reunion-privee", title="Réunion privée des bénévoles")
    client.get("/recherche/?q=bénévoles")
    restrict(private)
    html = client.get("/recherche/?q=bénévoles").content.decode()
    assert "Réunion publique des bénévoles" in html
    assert "Réunion privée des bénévoles" not in html
