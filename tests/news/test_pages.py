import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from tests.factories.news import (
    AuthorFactory,
    CategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    article_body,
    article_form_data,
)


@pytest.mark.django_db
class TestNewsPageRules(WagtailPageTestCase):
    def setUp(self):
        root = Page.get_first_root_node()
        self.home = HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
        root.add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=self.home, is_default_site=True)
        self.index = NewsIndexPageFactory(parent=self.home)
        self.category = CategoryFactory(name="Formations", slug="formations")
        self.author = AuthorFactory(name="Léa Moreau")
        self.article = NewsPageFactory(parent=self.index, category=self.category, authors=[self.author], tags=["rgpd"])
        self.login()

    def test_news_index_lives_under_the_home_page_once_and_holds_articles_only(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        assert NewsIndexPage.max_count == 1
        assert not NewsIndexPage.can_create_at(self.home)  # the one index already exists

    def test_editor_creates_the_news_index_under_a_new_home_page(self):
        home = HomePage(title="Autre accueil", slug="autre-accueil", hero_title="Bienvenue")
        Page.get_first_root_node().add_child(instance=home)
        NewsIndexPage.objects.all().delete()
        self.assertCanCreate(
            home,
            NewsIndexPage,
            nested_form_data({"title": "Actualités", "slug": "actualites", "intro": "Les nouvelles."}),
        )
        assert NewsIndexPage.objects.get().intro == "Les nouvelles."

    def test_articles_live_in_the_news_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_index_and_article_render_and_preview(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.article)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(
            self.article,
            post_data=article_form_data(
                title=self.article.title, slug=self.article.slug, category=self.category.pk, authors=[self.author]
            ),
        )

    def test_editor_creates_an_article_with_real_blocks_authors_tags_and_related_pages(self):
        self.assertCanCreate(
            self.index,
            NewsPage,
            article_form_data(category=self.category.pk, authors=[self.author], related=[self.article]),
        )
        article = NewsPage.objects.get(slug="nouvelle-formation")
        assert [block.block_type for block in article.body] == ["heading", "paragraph", "quote", "callout"]
        assert article.body[0].value["text"] == "Au programme"
        assert article.category == self.category
        assert str(article.date) == "2026-03-14"
        assert sorted(tag.name for tag in article.tags.all()) == ["accessibilité", "formation"]
        assert [link.author for link in article.author_links.all()] == [self.author]
        assert [link.related_page_id for link in article.related_links.all()] == [self.article.pk]

    def test_the_editor_shows_details_in_their_own_tab(self):
        response = self.client.get(f"/admin/pages/{self.article.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        for field in ("id_date", "id_category", "id_tags", "id_summary", "id_featured_image_alt", "id_go_live_at"):
            assert f'id="{field}"' in html, field


@pytest.mark.django_db
def test_new_article_is_dated_today_by_default(news_index):
    from django.utils import timezone

    assert NewsPage().date == timezone.localdate()


@pytest.mark.django_db
def test_featured_image_needs_alt_text_unless_decorative(news_index):
    import wagtail_factories

    image = wagtail_factories.ImageFactory()
    article = NewsPage(
        title="Sans texte", slug="sans-texte", summary="Résumé.", body=article_body(), featured_image=image
    )
    article.category = CategoryFactory()
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "featured_image_alt" in error.value.message_dict
    article.featured_image_decorative = True
    article.clean()
    assert article.featured_image_alt_text == ""
    article.featured_image_decorative = False
    article.featured_image_alt = "Des bénévoles autour d'une table"
    article.clean()
    assert article.featured_image_alt_text == "Des bénévoles autour d'une table"


@pytest.mark.django_db
def test_an_article_cannot_take_the_feeds_address(news_index):
    article = NewsPage(title="Flux", slug="flux", summary="Résumé.", body=article_body(), category=CategoryFactory())
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (50, 1), (400, 2), (1000, 5)])
def test_reading_time_counts_the_words_of_the_body_at_200_a_minute(words, minutes):
    article = NewsPage(body=[("paragraph", "<p>" + " ".join(["mot"] * words) + "</p>")])
    assert article.reading_minutes == minutes


def test_reading_time_counts_headings_quotes_and_callouts_too():
    article = NewsPage(body=article_body(words=10))
    # 10 words of text + "Ce qui s'est passé" (4) + the quote (6) and its attribution (1).
    assert article.word_count == 21


@pytest.mark.django_db
def test_sharing_image_is_the_social_image_then_the_featured_image(news_index):
    import wagtail_factories

    featured, social = wagtail_factories.ImageFactory(), wagtail_factories.ImageFactory()
    article = NewsPageFactory(parent=news_index, featured_image=featured, featured_image_alt="Une photo")
    assert article.get_social_image_id() == featured.pk
    article.social_image = social
    assert article.get_social_image_id() == social.pk
    assert article.get_meta_description() == article.summary
    article.search_description = "Pour les moteurs de recherche"
    assert article.get_meta_description() == "Pour les moteurs de recherche"


@pytest.mark.django_db
def test_editor_previews_a_new_article_before_saving_it(admin_client, news_index):
    from django.urls import reverse

    category = CategoryFactory(name="Formations", slug="formations")
    author = AuthorFactory(name="Inès Fabre")
    older = NewsPageFactory(parent=news_index, category=category, title="Plus ancienne")
    url = reverse("wagtailadmin_pages:preview_on_add", args=["news", "newspage", news_index.pk])
    data = article_form_data(
        title="Brouillon", slug="brouillon", category=category.pk, authors=[author], related=[older]
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Brouillon" in html and "Inès Fabre" in html and "Plus ancienne" in html
    assert "accessibilité" in html


@pytest.mark.django_db
def test_a_new_article_with_an_image_is_previewed_before_its_first_save(admin_client, news_index):
    """The article's image and its author's photo are prepared in the preview of a page that has no id yet."""
    import wagtail_factories
    from django.urls import reverse

    author = AuthorFactory(name="Inès Fabre", photo=wagtail_factories.ImageFactory())
    url = reverse("wagtailadmin_pages:preview_on_add", args=["news", "newspage", news_index.pk])
    data = article_form_data(title="Brouillon illustré", slug="brouillon-illustre", authors=[author])
    data |= {"featured_image": wagtail_factories.ImageFactory().pk, "featured_image_alt": "Une salle de formation"}
    assert admin_client.post(url, data).json()["is_valid"] is True

    preview = admin_client.get(url)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Brouillon illustré" in html and "Une salle de formation" in html
