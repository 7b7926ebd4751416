"""Pages are found in two queries whatever their depth (home/routing.py), with Wagtail's own rules,
and the site and its settings come from the cache but show an edit at once."""

import pytest
from wagtail.models import Site

from home.models import OrganisationSettings, StandardPage

pytestmark = pytest.mark.django_db


def add(parent, slug, live=True):
    page = StandardPage(title=f"Page {slug}", slug=slug)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


@pytest.fixture
def tree(home_page):
    level1 = add(home_page, "association")
    level2 = add(level1, "equipe")
    level3 = add(level2, "benevoles")
    return level1, level2, level3


def test_deep_page_is_served(client, tree):
    response = client.get("/association/equipe/benevoles/")
    assert response.status_code == 200
    assert "Page benevoles" in response.content.decode()


def test_deep_page_costs_no_more_queries_than_a_shallow_one(client, tree, django_assert_max_num_queries):
    for url in ("/association/", "/association/equipe/benevoles/"):
        client.get(url)
        client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in ("/association/", "/association/equipe/benevoles/"):
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        counts.append(len(context))
    # Two more ancestors cost the breadcrumb nothing and routing nothing.
    assert counts[1] <= counts[0] + 1


def test_unknown_or_unpublished_deep_pages_are_not_found(client, tree):
    level1, level2, _level3 = tree
    add(level2, "brouillon", live=False)
    assert client.get("/association/equipe/inconnue/").status_code == 404
    assert client.get("/association/equipe/brouillon/").status_code == 404
    assert client.get("/association/inconnue/benevoles/").status_code == 404


def test_routable_page_sub_routes_still_win(client, home_page):
    from tests.factories import courses

    index = courses.CourseIndexPageFactory(parent=home_page)
    course = courses.build_course(index, lessons=1, quizzes=0)
    lesson = course.get_children().first()
    assert client.get(lesson.url).status_code == 200
    # "commencer/" is a sub-route of the course, not a child page: it redirects to the first step.
    response = client.get(f"{course.url}commencer/")
    assert response.status_code == 302
    assert client.get(f"{course.url}inconnue/").status_code == 404


def test_organisation_settings_edit_shows_at_once(client, home_page):
    client.get("/")
    organisation = OrganisationSettings.for_site(Site.objects.get())
    organisation.name = "Asso du Web solidaire"
    organisation.save()
    assert "Asso du Web solidaire" in client.get("/").content.decode()


def test_a_page_found_once_is_found_again_without_any_query(client, tree, django_assert_num_queries):
    for _ in range(2):  # the first visit creates the site settings rows
        client.get("/association/equipe/benevoles/")
    with django_assert_num_queries(0):
        assert client.get("/association/equipe/benevoles/").status_code == 200


def test_unpublishing_moving_and_deleting_reach_the_cached_addresses_at_once(client, tree, home_page):
    level1, level2, level3 = tree
    assert client.get("/association/equipe/benevoles/").status_code == 200
    level3.unpublish()
    assert client.get("/association/equipe/benevoles/").status_code == 404
    level3.save_revision().publish()
    assert client.get("/association/equipe/benevoles/").status_code == 200
    level3.move(level1, pos="last-child")
    moved = client.get("/association/equipe/benevoles/")  # Wagtail's automatic redirect
    assert moved.status_code == 301 and moved["Location"] == "/association/benevoles/"
    assert client.get("/association/benevoles/").status_code == 200
    level2.delete()
    assert client.get("/association/equipe/").status_code == 404


def test_made_up_addresses_are_not_kept_in_the_cache(client, tree):
    from django.core.cache import cache

    client.get("/association/equipe/")
    client.get("/association/equipe/inexistante/")  # what the 404 page itself keeps (menus…)
    keys_before = len(cache._cache)
    for n in range(20):
        assert client.get(f"/association/equipe/inexistante-{n}/").status_code == 404
    assert len(cache._cache) == keys_before
