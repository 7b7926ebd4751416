import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from home.typography import french_text


@pytest.mark.django_db
class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_page_under_home_or_another_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_only_one_home_page(self):
        assert HomePage.max_count == 1

    def test_editor_can_create_standard_page_with_real_blocks(self):
        root = Page.get_first_root_node()
        home = HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
        root.add_child(instance=home)
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        self.login()
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Nos statuts",
                    "slug": "statuts",
                    "intro": "Les statuts de l'association.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Article premier", "level": "h2"}),
                            ("paragraph", rich_text("<p>Il est fondé une association.</p>")),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="statuts")
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]
        assert page.body[0].value["text"] == "Article premier"


@pytest.mark.django_db
def test_every_demo_page_renders_with_its_content(client, demo_content):
    for page in Page.objects.live().specific().filter(depth__gt=1):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        title = page.seo_title or page.title
        content = response.content.decode()
        # The title may be HTML-escaped ("'" becomes "&#x27;").
        assert title in content or escape(title) in content, page.url


@pytest.mark.django_db
def test_demo_loader_is_idempotent(demo_content):
    from wagtail.images import get_image_model

    counts = (Page.objects.count(), get_image_model().objects.count())
    call_command("load_demo", "--no-users", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Page.objects.count(), get_image_model().objects.count()) == counts


@pytest.mark.django_db
def test_home_page_shows_hero_and_footer_settings(client, demo_content):
    html = client.get("/").content.decode()
    assert "Le web au service des associations" in html
    assert "bonjour@webassoc.example" in html  # organisation settings in the footer
    assert 'href="/mentions-legales/"' in html  # footer link from navigation settings
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert '<html lang="fr"' in html


@pytest.mark.django_db
def test_english_version_lives_under_en_prefix(client, demo_content):
    response = client.get("/en/a-propos/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert 'hreflang="fr"' in html and 'href="/a-propos/"' in html


@pytest.mark.django_db
def test_french_interface_by_default(client, demo_content):
    html = client.get("/a-propos/").content.decode()
    assert "Aller au contenu" in html


@pytest.mark.django_db
def test_home_page_refuses_button_text_without_destination(home_page):
    home_page.hero_cta_label = "Découvrir"
    with pytest.raises(ValidationError) as error:
        home_page.full_clean()
    assert "hero_cta_page" in error.value.message_dict


@pytest.mark.django_db
def test_open_graph_tags_fall_back_to_site_default_image(client, demo_content):
    html = client.get("/a-propos/").content.decode()
    assert 'property="og:title" content="À propos"' in html
    assert 'property="og:image" content="http://127.0.0.1:8000/' in html
    assert 'name="description" content="Qui nous sommes' in html


def menu_links(html):
    import re

    menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu)


@pytest.mark.django_db
def test_menus_follow_publishing_and_settings_at_once(client, demo_content):
    """The menus are cached (home_tags.site_links) yet show every change on the next page."""
    from wagtail.models import Site

    from home.models import NavigationSettings

    about = StandardPage.objects.get(slug="a-propos")
    assert ("/a-propos/", "À propos") in menu_links(client.get("/").content.decode())
    about.unpublish()
    assert "/a-propos/" not in dict(menu_links(client.get("/").content.decode()))
    about.save_revision().publish()
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.primary_links = [("link", {"label": "Qui sommes-nous ?", "page": about, "url": ""})]
    navigation.save()
    assert menu_links(client.get("/").content.decode()) == [("/a-propos/", "Qui sommes-nous ?")]
    # The English site links to the English addresses.
    assert menu_links(client.get("/en/").content.decode()) == [("/en/a-propos/", "Qui sommes-nous ?")]


@pytest.mark.django_db
def test_breadcrumbs_show_every_ancestor_with_its_link(client, demo_content):
    from django.utils import translation

    from courses.models import LessonPage

    translation.activate("fr")
    lesson = LessonPage.objects.live().order_by("path").first()
    course = lesson.get_parent()
    catalogue = course.get_parent()
    html = client.get(lesson.url).content.decode()
    trail = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">Accueil</a>' in trail
    assert f'<a href="{catalogue.url}">{catalogue.title}</a>' in trail
    assert f'<a href="{course.url}">{course.title}</a>' in trail
    assert f'<span aria-current="page">{french_text(lesson.title)}</span>' in trail
    assert (
        trail.index(french_text(catalogue.title))
        < trail.index(french_text(course.title))
        < trail.index(french_text(lesson.title))
    )
