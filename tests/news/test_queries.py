"""The news pages cost the same number of SQL queries whatever the number of articles, tags or authors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsPageRelatedLink
from tests.factories.news import AuthorFactory, CategoryFactory, NewsPageFactory, bulk_articles

pytestmark = pytest.mark.django_db

PUBLIC_LIMIT = 12


def count(client, url):
    """(queries once warm, their SQL, queries right after a purge, their SQL).

    Warm, what the cache keeps costs nothing; right after a purge (a publish), it is rebuilt: both
    must stay the same whatever the number of articles, or a query per row is hiding in either.
    """
    from home.cache import purge_all

    for _ in range(2):  # warm up: settings rows, cached site data and image renditions
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    purge_all()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200, url
    return (
        len(context),
        [query["sql"] for query in context.captured_queries],
        len(cold),
        [query["sql"] for query in cold.captured_queries],
    )


def assert_same(small, large, limit=None):
    message = "\n--- small:\n" + "\n".join(small[1]) + "\n--- large:\n" + "\n".join(large[1])
    assert small[0] == large[0], message
    cold_message = "\n--- small, cold:\n" + "\n".join(small[3]) + "\n--- large, cold:\n" + "\n".join(large[3])
    assert small[2] == large[2], cold_message
    if limit is not None:
        assert large[0] <= limit, message


@pytest.mark.parametrize(
    "url",
    [
        "/actualites/",
        "/actualites/?categorie=vie-associative",
        "/actualites/?etiquette=benevolat",
        "/actualites/?categorie=vie-associative&etiquette=formation&page=2",
        "/actualites/?page=999",
    ],
)
def test_index_costs_the_same_with_3_or_30_articles(client, news_index, url):
    category = CategoryFactory(name="Vie associative", slug="vie-associative")
    bulk_articles(news_index, 3, category=category, prefix="a")
    small = count(client, url)
    for n in range(5):
        CategoryFactory(name=f"Autre {n}", slug=f"autre-{n}")
    bulk_articles(news_index, 27, category=category, tags=("bénévolat", "formation", "atelier", "rgpd"), prefix="b")
    large = count(client, url)
    assert_same(small, large, PUBLIC_LIMIT)


def test_article_costs_the_same_whatever_the_number_of_articles_authors_and_tags(client, news_index):
    category = CategoryFactory(name="Vie associative", slug="vie-associative")
    bulk_articles(news_index, 5, category=category, prefix="a")
    import wagtail_factories

    photo = wagtail_factories.ImageFactory()
    article = NewsPageFactory(
        parent=news_index,
        category=category,
        tags=["atelier"],
        authors=[AuthorFactory(photo=photo)],
        featured_image=photo,
        featured_image_alt="Photo",
    )
    small = count(client, article.url)

    bulk_articles(news_index, 40, category=category, prefix="b")
    for author in AuthorFactory.create_batch(4, photo=photo):
        article.author_links.create(author=author, sort_order=9)
    article.tags.add("accessibilité", "rgpd", "formation")
    article.save_revision().publish()
    large = count(client, article.url)
    assert_same(small, large)


def test_article_with_chosen_related_pages_costs_the_same_with_1_or_6(client, news_index):
    category = CategoryFactory()
    others = bulk_articles(news_index, 8, category=category)
    article = NewsPageFactory(parent=news_index, category=category)
    NewsPageRelatedLink.objects.create(page=article, related_page=others[0], sort_order=0)
    small = count(client, article.url)
    for position, other in enumerate(others[1:6], start=1):
        NewsPageRelatedLink.objects.create(page=article, related_page=other, sort_order=position)
    large = count(client, article.url)
    assert_same(small, large)
