"""The news on the rest of the site: home page block, site search, sitemap, admin snippets."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction

from news.models import NewsPage
from tests.factories.news import CategoryFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def home_news_titles(html):
    section = re.search(r'<section class="home-section latest-news".*?</section>', html, re.S)
    if not section:
        return None
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section.group(0))


def test_home_page_shows_the_three_latest_articles(client, make_article):
    image = wagtail_factories.ImageFactory()
    for days, title in [(9, "Quatrième"), (1, "Deuxième"), (0, "Première"), (4, "Troisième")]:
        make_article(days=days, title=title, featured_image=image, featured_image_alt="Photo")
    make_article(days=-1, title="Brouillon de demain").unpublish()
    html = client.get("/").content.decode()
    assert home_news_titles(html) == ["Première", "Deuxième", "Troisième"]
    assert 'href="/actualites/"' in html.split('class="home-section latest-news"')[1]
    assert "fill-480x320" in html


def test_home_page_block_disappears_without_news(client, news_index):
    html = client.get("/").content.decode()
    assert home_news_titles(html) is None


def test_home_page_leaves_out_private_articles(client, make_article):
    make_article(days=1, title="Publique")
    private = make_article(days=0, title="Réservée aux membres")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert home_news_titles(client.get("/").content.decode()) == ["Publique"]


def test_home_news_block_costs_the_same_with_3_or_30_articles(client, news_index, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.news import bulk_articles

    bulk_articles(news_index, 3, prefix="a")
    for _ in range(2):
        client.get("/")
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    bulk_articles(news_index, 30, prefix="b")
    client.get("/")  # renditions of the new first cards
    with CaptureQueriesContext(connection) as large:
        client.get("/")
    assert len(small) == len(large)


def test_site_search_finds_articles_by_title_summary_body_and_category(client, make_article):
    category = CategoryFactory(name="Solidarité", slug="solidarite")
    make_article(
        days=0,
        title="Une épicerie solidaire en ligne",
        summary="Trois bénévoles publient chaque mois.",
        category=category,
        body=[("paragraph", "<p>Le tableur partagé des créneaux de permanence.</p>")],
    )
    for query in ("épicerie", "bénévoles", "permanence"):
        response = client.get(f"/recherche/?q={query}")
        assert response.status_code == 200
        assert "Une épicerie solidaire en ligne" in response.content.decode(), query


def test_sitemap_lists_articles_with_their_last_modification(client, make_article):
    article = make_article(days=3, title="Dans le plan du site")
    # Published at 00:30 in Paris, still the day before in UTC: the date is the site's (Europe/Paris).
    published = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
    NewsPage.objects.filter(pk=article.pk).update(last_published_at=published)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    entries = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}
    article_url = next(loc for loc in entries if loc.endswith(f"/actualites/{article.slug}/"))
    index_url = next(loc for loc in entries if loc.endswith("/actualites/"))
    assert entries[article_url] == "2026-03-11"
    # The index changes whenever an article is published.
    assert entries[index_url] >= entries[article_url]
    assert response.has_header("Last-Modified")


def test_sitemap_leaves_out_unpublished_articles(client, make_article):
    draft = make_article(days=0, title="Retirée")
    draft.unpublish()
    assert f"/actualites/{draft.slug}/" not in client.get("/sitemap.xml").content.decode()


def test_editors_manage_categories_and_authors_as_snippets(admin_client, make_article, events, author):
    make_article(days=0, category=events, authors=[author])
    for url, expected in [
        ("/admin/snippets/news/category/", "Événements"),
        ("/admin/snippets/news/author/", author.name),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode()
    export = admin_client.get("/admin/snippets/news/category/?export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert "evenements" in content.decode("utf-8-sig")


def test_site_search_finds_articles_by_tag_and_labels_them(client, make_article):
    make_article(days=0, title="Une nouvelle sans le mot", tags=["cartographie"])
    html = client.get("/recherche/?q=cartographie").content.decode()
    assert "Une nouvelle sans le mot" in html
    assert '<p class="search-result__type">Actualité</p>' in html
