import io

import pytest

from home import demo as home_demo
from home.demo_utils import DemoContext
from news import demo as news_demo
from news.models import Author, Category, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def load():
    context = DemoContext(io.StringIO())
    home_demo.load(context)
    news_demo.load(context)
    return context


def test_demo_news_are_eight_articles_over_several_categories_tags_and_months(client):
    load()
    index = NewsIndexPage.objects.get()
    articles = list(NewsPage.objects.child_of(index).live())
    assert len(articles) == 8
    assert len({article.category_id for article in articles}) >= 3
    assert len({tag.name for article in articles for tag in article.tags.all()}) >= 5
    assert Author.objects.count() >= 2
    assert all(article.featured_image_id for article in articles)
    dates = sorted(article.date for article in articles)
    assert (dates[-1] - dates[0]).days >= 60
    assert all(article.author_links.exists() for article in articles)
    for url in [index.url, *(article.url for article in articles), index.url + "flux/", index.url + "flux/atom/"]:
        assert client.get(url).status_code == 200, url
    assert "Actualités" in client.get("/").content.decode()


def test_loading_the_demo_twice_changes_nothing():
    load()
    counts = (NewsPage.objects.count(), Category.objects.count(), Author.objects.count())
    context = load()
    assert (NewsPage.objects.count(), Category.objects.count(), Author.objects.count()) == counts
    assert context.created == 0
