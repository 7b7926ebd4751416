import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == "rss"
    channel = root.find("channel")
    return channel, channel.findall("item")


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_rss_feed_lists_live_articles_newest_first(client, make_article, author, events):
    make_article(days=5, title="Ancienne", category=events, tags=["atelier"], authors=[author], summary="Résumé A.")
    make_article(days=1, title="Récente")
    make_article(days=3, title="Entre les deux")
    channel, items = rss_items(client.get("/actualites/flux/"))
    assert channel.findtext("title").endswith("Actualités")
    assert channel.findtext("link") == "http://localhost/actualites/"
    assert channel.findtext("language") == "fr"
    assert [item.findtext("title") for item in items] == ["Récente", "Entre les deux", "Ancienne"]
    oldest = items[-1]
    assert oldest.findtext("link").startswith("http://localhost/actualites/")
    assert oldest.findtext("description") == "Résumé A."
    assert oldest.findtext("pubDate")
    assert [category.text for category in oldest.findall("category")] == ["Événements", "atelier"]
    assert oldest.findtext("{http://purl.org/dc/elements/1.1/}creator") == author.name


def test_rss_alias_and_atom_feed(client, make_article):
    make_article(days=2, title="Deux")
    make_article(days=1, title="Un")
    _channel, items = rss_items(client.get("/actualites/flux/rss/"))
    assert [item.findtext("title") for item in items] == ["Un", "Deux"]
    root, entries = atom_entries(client.get("/actualites/flux/atom/"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Un", "Deux"]
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/actualites/flux/atom/"
    assert entries[0].findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}published")


def test_category_feeds_list_only_that_category(client, make_article, events, trainings):
    make_article(days=2, title="Fête", category=events)
    make_article(days=1, title="Formation", category=trainings)
    make_article(days=3, title="Pique-nique", category=events)
    channel, items = rss_items(client.get("/actualites/flux/categorie/evenements/"))
    assert "Événements" in channel.findtext("title")
    assert channel.findtext("link") == "http://localhost/actualites/?categorie=evenements"
    assert [item.findtext("title") for item in items] == ["Fête", "Pique-nique"]
    _root, entries = atom_entries(client.get("/actualites/flux/categorie/evenements/atom/"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Fête", "Pique-nique"]


def test_unknown_category_feed_is_a_404(client, news_index):
    assert client.get("/actualites/flux/categorie/inconnue/").status_code == 404


def test_feeds_leave_out_unpublished_and_private_articles(client, make_article):
    make_article(days=1, title="Publique")
    make_article(days=0, title="Dépubliée").unpublish()
    private = make_article(days=2, title="Privée")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    _channel, items = rss_items(client.get("/actualites/flux/"))
    assert [item.findtext("title") for item in items] == ["Publique"]


def test_feed_is_limited_to_the_latest_twenty(client, news_index):
    from tests.factories.news import bulk_articles

    bulk_articles(news_index, 25)
    _channel, items = rss_items(client.get("/actualites/flux/"))
    assert len(items) == 20
    assert items[0].findtext("title") == "Actualité bulk 0"


def test_feed_escapes_titles_and_stays_valid_xml(client, make_article):
    make_article(days=0, title="Tom & Jerry <3 « les assos »", summary="A < B & C")
    _channel, items = rss_items(client.get("/actualites/flux/"))
    assert items[0].findtext("title") == "Tom & Jerry <3 « les assos »"
    assert items[0].findtext("description") == "A < B & C"


def test_feed_sends_last_modified(client, make_article):
    make_article(days=0)
    response = client.get("/actualites/flux/")
    assert response.has_header("Last-Modified")


def test_feed_query_count_does_not_grow_with_articles(client, news_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.news import bulk_articles

    bulk_articles(news_index, 3, prefix="a")
    for _ in range(2):  # warm up: the first request creates the settings rows
        client.get("/actualites/flux/")
    with CaptureQueriesContext(connection) as small:
        client.get("/actualites/flux/")
    bulk_articles(news_index, 30, prefix="b")
    with CaptureQueriesContext(connection) as large:
        client.get("/actualites/flux/")
    assert len(small) == len(large) <= 10
