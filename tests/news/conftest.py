import datetime

import pytest
from django.utils import timezone

from tests.factories.news import AuthorFactory, CategoryFactory, NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def events(db):
    return CategoryFactory(name="Événements", slug="evenements")


@pytest.fixture
def trainings(db):
    return CategoryFactory(name="Formations", slug="formations")


@pytest.fixture
def author(db):
    return AuthorFactory(name="Léa Moreau", role="Bénévole formatrice")


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def make_article(news_index):
    """``make_article(days=3, **fields)``: a published article dated ``days`` days ago."""

    def make(days=0, **fields):
        return NewsPageFactory(parent=news_index, date=days_ago(days), **fields)

    return make
