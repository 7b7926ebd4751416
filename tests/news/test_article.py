import re
from urllib.parse import quote

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction, Site

from home.models import OrganisationSettings, StandardPage
from news.models import NewsPageRelatedLink
from tests.factories.news import AuthorFactory, article_body

pytestmark = pytest.mark.django_db


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_article_shows_date_authors_category_tags_reading_time_and_body(client, make_article, events):
    second_author = AuthorFactory(name="Karim Benali", role="Coordinateur")
    article = make_article(
        days=0,
        title="Portes ouvertes",
        category=events,
        tags=["rencontre", "atelier"],
        authors=[AuthorFactory(name="Léa Moreau"), second_author],
        body=article_body(words=590),
    )
    article.date = article.date.replace(year=2026, month=3, day=14)
    article.save_revision().publish()
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<article class="news-article"' in html
    assert '<h1 id="article-title">Portes ouvertes</h1>' in html
    assert '<time datetime="2026-03-14">14 mars 2026</time>' in html
    assert html.index("Léa Moreau") < html.index("Karim Benali")
    assert "Coordinateur" in html
    assert 'href="/actualites/?categorie=evenements">Événements</a>' in html
    assert 'href="/actualites/?etiquette=rencontre">rencontre</a>' in html
    assert "3 minutes de lecture" in html  # 590 + 12 words of body text at 200 a minute
    assert "Ce qui s’est passé" in html


def test_related_articles_are_the_editors_choice_when_there_is_one(client, make_article, events, trainings):
    chosen = make_article(days=5, title="Choisie", category=trainings)
    make_article(days=1, title="Même catégorie", category=events)
    about = StandardPage(title="À propos", slug="a-propos", intro="Qui nous sommes")
    chosen.get_parent().get_parent().add_child(instance=about)
    about.save_revision().publish()
    article = make_article(days=0, category=events)
    article.related_links = [
        NewsPageRelatedLink(related_page=about, sort_order=0),
        NewsPageRelatedLink(related_page=chosen, sort_order=1),
    ]
    article.save_revision().publish()
    response = client.get(article.url)
    assert [page.title for page in response.context["related_pages"]] == ["À propos", "Choisie"]
    html = response.content.decode()
    assert "Read also" in html or "À lire aussi" in html
    assert "Même catégorie" not in html.split('class="news-related"')[1].split("</section>")[0]


def test_related_articles_default_to_the_latest_of_the_same_category(client, make_article, events, trainings):
    for days in (9, 8, 7, 6):
        make_article(days=days, title=f"Événement {days}", category=events)
    make_article(days=1, title="Autre catégorie", category=trainings)
    article = make_article(days=0, category=events)
    response = client.get(article.url)
    assert [page.title for page in response.context["related_pages"]] == ["Événement 6", "Événement 7", "Événement 8"]
    assert response.context["related_chosen"] is False


def test_unpublished_and_private_pages_are_never_suggested(client, make_article, events):
    gone = make_article(days=3, title="Dépubliée", category=events)
    private = make_article(days=2, title="Privée", category=events)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    article = make_article(days=0, category=events)
    article.related_links = [
        NewsPageRelatedLink(related_page=gone, sort_order=0),
        NewsPageRelatedLink(related_page=private, sort_order=1),
    ]
    article.save_revision().publish()
    gone.unpublish()
    response = client.get(article.url)
    # Nothing chosen is visible: the latest of the category instead, without the hidden ones either.
    assert response.context["related_chosen"] is False
    assert [page.title for page in response.context["related_pages"]] == []
    assert response.context["previous_article"] is None


def test_previous_and_next_follow_the_publication_date(client, make_article):
    older = make_article(days=10, title="Plus ancienne")
    newer = make_article(days=1, title="Plus récente")
    middle = make_article(days=5, title="Au milieu")
    response = client.get(middle.url)
    assert response.context["previous_article"].pk == older.pk
    assert response.context["next_article"].pk == newer.pk
    html = response.content.decode()
    assert f'href="{older.url}" rel="prev"' in html
    assert f'href="{newer.url}" rel="next"' in html
    assert '<nav class="news-nav" aria-label=' in html
    first = client.get(older.url)
    assert first.context["previous_article"] is None
    assert first.context["next_article"].pk == middle.pk


def test_share_links_are_plain_links_without_third_party_scripts(client, make_article):
    article = make_article(days=0, title="À partager")
    html = client.get(article.url).content.decode()
    full_url = quote(article.full_url, safe="")
    assert f"mailto:?subject=%C3%80%20partager&amp;body={full_url}" in html
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={full_url}" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={full_url}" in html
    # Structured data (type="application/ld+json") is data, never run: only executable scripts count.
    scripts = [tag for tag in re.findall(r"<script[^>]*>", html) if "application/ld+json" not in tag]
    assert all('src="/static/' in script for script in scripts), scripts


def test_open_graph_and_twitter_tags_use_the_articles_image(client, make_article):
    image = wagtail_factories.ImageFactory(title="Photo de l'atelier")
    article = make_article(days=0, featured_image=image, featured_image_alt="L'atelier", summary="Résumé partagé.")
    html = client.get(article.url).content.decode()
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == article.title
    assert meta(html, "og:description") == "Résumé partagé."
    assert meta(html, "og:image").startswith("http://")
    assert "fill-1200x630" in meta(html, "og:image")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "article:published_time").startswith(str(article.date))


def test_open_graph_falls_back_to_the_sites_default_image(client, make_article):
    default = wagtail_factories.ImageFactory(title="Image par défaut")
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_social_image = default
    settings.save()
    article = make_article(days=0)
    assert article.get_social_image_id() is None
    html = client.get(article.url).content.decode()
    image_url = meta(html, "og:image")
    assert image_url and "fill-1200x630" in image_url
    rendition = default.get_rendition("fill-1200x630")
    assert image_url.endswith(rendition.url)
    assert meta(html, "twitter:card") == "summary_large_image"


def test_without_any_image_the_twitter_card_is_a_summary(client, make_article):
    article = make_article(days=0)
    html = client.get(article.url).content.decode()
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


def test_decorative_featured_image_has_an_empty_alt(client, make_article):
    image = wagtail_factories.ImageFactory()
    article = make_article(days=0, featured_image=image, featured_image_decorative=True)
    html = client.get(article.url).content.decode()
    figure = html.split('<figure class="news-article__image">')[1].split("</figure>")[0]
    assert 'alt=""' in figure


def test_article_announces_the_news_feeds_and_its_categorys_feeds(client, make_article, events):
    article = make_article(days=0, category=events)
    head = client.get(article.url).content.decode().split("</head>")[0]
    for href in (
        "/actualites/flux/",
        "/actualites/flux/atom/",
        "/actualites/flux/categorie/evenements/",
        "/actualites/flux/categorie/evenements/atom/",
    ):
        assert f'href="{href}"' in head


def test_article_has_no_inline_script_or_style(client, make_article):
    article = make_article(days=0, tags=["atelier"])
    html = client.get(article.url).content.decode()
    assert "style=" not in html
    # Executable inline scripts only: the JSON-LD block is data (CSP does not run it).
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html)
    assert "<style" not in html
