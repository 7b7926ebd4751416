import re

import pytest
import wagtail_factories

from news.views import ARTICLES_PER_PAGE
from tests.factories.news import NewsPageFactory, bulk_articles

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_index_lists_articles_newest_first_by_publication_date(client, make_article):
    make_article(days=10, title="Ancienne")
    make_article(days=0, title="Du jour")
    make_article(days=3, title="Récente")
    response = client.get("/actualites/")
    assert response.status_code == 200
    assert titles(response) == ["Du jour", "Récente", "Ancienne"]


def test_card_shows_image_french_date_category_and_summary(client, make_article, events):
    image = wagtail_factories.ImageFactory()
    article = make_article(
        days=0, category=events, featured_image=image, featured_image_alt="Des bénévoles", summary="Un résumé clair."
    )
    article.date = article.date.replace(year=2026, month=3, day=14)
    article.save_revision().publish()
    html = client.get("/actualites/").content.decode()
    assert '<time datetime="2026-03-14">14 mars 2026</time>' in html
    assert "Événements" in html
    assert "Un résumé clair." in html
    assert 'alt="Des bénévoles"' in html
    assert "srcset=" in html and "fill-480x320" in html and "fill-960x640" in html
    assert "<article" in html


def test_english_index_shows_english_dates(client, make_article):
    article = make_article(days=0)
    article.date = article.date.replace(year=2026, month=3, day=14)
    article.save_revision().publish()
    html = client.get("/en/actualites/").content.decode()
    assert '<time datetime="2026-03-14">' in html
    assert "March 14, 2026" in html


def test_unpublished_and_private_articles_are_not_listed(client, make_article):
    from wagtail.models import PageViewRestriction

    make_article(days=1, title="Publique")
    draft = make_article(days=0, title="Brouillon")
    draft.unpublish()
    private = make_article(days=2, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client.get("/actualites/")) == ["Publique"]


def test_the_list_follows_publishing_at_once(client, make_article, events):
    """The ordered list of articles is kept until the next publish: publishing, unpublishing or
    changing an article's category shows on the index (and its filters and feed) at the next visit."""
    make_article(days=2, title="Première")
    assert titles(client.get("/actualites/")) == ["Première"]
    assert "Événements" not in client.get("/actualites/").content.decode()

    second = make_article(days=0, title="Seconde")
    assert titles(client.get("/actualites/")) == ["Seconde", "Première"]
    assert "Seconde" in client.get("/actualites/flux/").content.decode()

    second.category = events
    second.save_revision().publish()
    assert titles(client.get(f"/actualites/?categorie={events.slug}")) == ["Seconde"]

    second.unpublish()
    assert titles(client.get("/actualites/")) == ["Première"]
    # No live article is in the category any more: it leaves the filter, which is then ignored.
    response = client.get(f"/actualites/?categorie={events.slug}")
    assert titles(response) == ["Première"]
    assert f'value="{events.slug}"' not in response.content.decode()
    assert "Seconde" not in client.get("/actualites/flux/").content.decode()


@pytest.mark.parametrize(
    ("page", "expected_page"),
    [
        ("", 1),
        ("1", 1),
        ("2", 2),
        ("0", 2),
        ("-1", 2),
        ("999", 2),
        ("abc", 1),
        ("2.5", 1),
        ("%00", 1),
        ("99999999999999999999999999999999", 2),
        ("1e9", 1),
    ],
)
def test_any_page_number_gives_the_first_or_last_page_never_an_error(client, news_index, page, expected_page):
    bulk_articles(news_index, ARTICLES_PER_PAGE + 3)
    response = client.get(f"/actualites/?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page
    expected_count = ARTICLES_PER_PAGE if expected_page == 1 else 3
    assert len(titles(response)) == expected_count


def test_pagination_is_a_labelled_nav_and_keeps_the_filters(client, news_index, events):
    bulk_articles(news_index, ARTICLES_PER_PAGE + 1, category=events)
    html = client.get("/actualites/?categorie=evenements").content.decode()
    assert '<nav class="pagination" aria-label=' in html
    assert "?categorie=evenements&amp;page=2" in html


def test_filter_by_category(client, make_article, events, trainings):
    make_article(days=1, title="Fête de quartier", category=events)
    make_article(days=2, title="Atelier RGPD", category=trainings)
    response = client.get("/actualites/?categorie=evenements")
    assert titles(response) == ["Fête de quartier"]
    assert response.context["active_category"] == events
    html = response.content.decode()
    assert '<option value="evenements" selected>' in html
    # The category's own feeds are announced in the head.
    assert 'href="/actualites/flux/categorie/evenements/"' in html
    assert 'href="/actualites/flux/categorie/evenements/atom/"' in html


def test_filter_by_tag(client, make_article):
    make_article(days=1, title="Atelier accessibilité", tags=["accessibilité", "atelier"])
    make_article(days=2, title="Lettre d'information", tags=["lettre"])
    response = client.get("/actualites/?etiquette=atelier")
    assert titles(response) == ["Atelier accessibilité"]
    assert response.context["active_tag"].name == "atelier"


def test_filters_combine(client, make_article, events, trainings):
    make_article(days=1, title="Atelier fête", category=events, tags=["atelier"])
    make_article(days=2, title="Atelier formation", category=trainings, tags=["atelier"])
    make_article(days=3, title="Fête sans atelier", category=events)
    response = client.get("/actualites/?categorie=evenements&etiquette=atelier")
    assert titles(response) == ["Atelier fête"]


def test_unknown_filter_values_are_reported_and_ignored(client, make_article):
    make_article(days=1, title="Une")
    response = client.get("/actualites/?categorie=inconnue&etiquette=%3Cscript%3E")
    assert response.status_code == 200
    assert titles(response) == ["Une"]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "<script>" not in html


def test_filter_form_works_without_javascript_and_has_real_labels(client, make_article, events):
    make_article(days=1, category=events, tags=["atelier"])
    html = client.get("/actualites/").content.decode()
    form = re.search(r'<form class="news-filters" method="get" action="/actualites/".*?</form>', html, re.S).group(0)
    for name in ("categorie", "etiquette"):
        assert f'<label for="id_{name}">' in form
        assert f'<select name="{name}" id="id_{name}">' in form
    assert '<button type="submit"' in form


def test_only_categories_and_tags_in_use_are_offered(client, make_article, events, trainings):
    make_article(days=1, category=events, tags=["atelier"])
    draft = make_article(days=1, category=trainings, tags=["brouillon"])
    draft.unpublish()
    html = client.get("/actualites/").content.decode()
    assert 'value="evenements"' in html and 'value="atelier"' in html
    assert 'value="formations"' not in html and 'value="brouillon"' not in html


def test_index_announces_its_feeds_in_the_head(client, news_index):
    html = client.get("/actualites/").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head and 'href="/actualites/flux/"' in head
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="/actualites/flux/atom/"' in head


def test_empty_index_says_so(client, news_index):
    response = client.get("/actualites/")
    assert response.status_code == 200
    assert titles(response) == []


def test_articles_of_the_same_day_keep_a_stable_order(client, news_index):
    first = NewsPageFactory(parent=news_index, title="Premier")
    second = NewsPageFactory(parent=news_index, title="Second", date=first.date)
    assert titles(client.get("/actualites/")) == [second.title, first.title]


def test_tag_links_of_an_article_lead_to_the_filtered_list_even_with_accents(client, make_article):
    article = make_article(days=1, title="Bénévoles mis à l’honneur", tags=["bénévolat"])
    make_article(days=2, title="Sans mot-clé")
    html = client.get(article.url).content.decode()
    link = re.search(r'href="(/actualites/\?etiquette=[^"]+)">bénévolat</a>', html).group(1)
    assert titles(client.get(link)) == ["Bénévoles mis à l’honneur"]


def test_english_feeds_and_filters_work_under_en(client, make_article, events):
    make_article(days=1, title="Fête", category=events)
    assert titles(client.get("/en/actualites/?categorie=evenements")) == ["Fête"]
    response = client.get("/en/actualites/flux/")
    assert response.status_code == 200
    assert b"<language>en</language>" in response.content
    assert b"http://localhost/en/actualites/" in response.content


def test_a_phone_gets_small_webp_cards_and_only_the_cards_below_the_fold_wait(client, make_article):
    image = wagtail_factories.ImageFactory(file__width=1200, file__height=800)
    for days in range(5):
        make_article(days=days, title=f"Article {days}", featured_image=image, featured_image_alt="Des bénévoles")
    html = client.get("/actualites/").content.decode()
    cards = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(cards) == 5
    # WebP first with a 480 px candidate a phone picks through `sizes`; JPEG for the browsers without WebP.
    assert all('type="image/webp"' in card and ".webp 480w" in card and "sizes=" in card for card in cards)
    assert all(re.search(r"<img[^>]+\.jpg 480w", card) for card in cards)
    # The first card is the first thing seen: fetched first, never lazy; those further down load lazily.
    assert 'fetchpriority="high"' in cards[0] and 'loading="lazy"' not in cards[0]
    assert 'loading="lazy"' not in cards[1] and "fetchpriority" not in cards[1]
    assert all('loading="lazy"' in card for card in cards[3:])
