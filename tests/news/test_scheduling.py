"""A scheduled article (Wagtail's go-live date) appears nowhere before ``publish_scheduled`` publishes it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


def schedule(news_index, category, go_live_at, **fields):
    article = NewsPageFactory(
        parent=news_index, live=False, publish=False, category=category, title="Annonce programmée", **fields
    )
    article.go_live_at = go_live_at
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def everything_visitors_see(client, visible):
    pages = {
        "index": client.get("/actualites/"),
        "rss": client.get("/actualites/flux/"),
        "atom": client.get("/actualites/flux/atom/"),
        "category rss": client.get("/actualites/flux/categorie/evenements/"),
        "home": client.get("/"),
        "article": client.get(visible.url),
        "search": client.get("/recherche/?q=programmée"),
        "sitemap": client.get("/sitemap.xml"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in pages.items()}


def test_scheduled_article_is_hidden_everywhere_until_its_time(client, news_index, events):
    with freeze_time(NOW):
        visible = NewsPageFactory(parent=news_index, category=events, title="Déjà publiée", date=NOW.date())
        scheduled = schedule(
            news_index, events, NOW + datetime.timedelta(days=1), date=NOW.date() + datetime.timedelta(days=1)
        )
        assert not scheduled.live
        assert scheduled.scheduled_revision is not None or scheduled.get_latest_revision().approved_go_live_at

        seen = everything_visitors_see(client, visible)
        for name, html in seen.items():
            assert "Annonce programmée" not in html, name
            assert scheduled.slug not in html, name
        assert client.get(f"/actualites/{scheduled.slug}/").status_code == 404

        call_command("publish_scheduled")  # too early: nothing happens
        scheduled.refresh_from_db()
        assert not scheduled.live

    with freeze_time(NOW + datetime.timedelta(days=1, minutes=10)):
        call_command("publish_scheduled")
        scheduled.refresh_from_db()
        assert scheduled.live
        seen = everything_visitors_see(client, visible)
        for name in ("index", "rss", "atom", "category rss", "home", "article", "search", "sitemap"):
            assert scheduled.slug in seen[name] or "Annonce programmée" in seen[name], name
        assert client.get(f"/actualites/{scheduled.slug}/").status_code == 200


def test_a_published_article_with_a_scheduled_new_version_keeps_showing_the_live_one(client, news_index, events):
    article = NewsPageFactory(parent=news_index, category=events, title="Version publiée")
    article.title = "Version de demain"
    article.go_live_at = timezone.now() + datetime.timedelta(days=1)
    article.save_revision().publish()
    html = client.get("/actualites/").content.decode()
    assert "Version publiée" in html
    assert "Version de demain" not in html
