"""What the Nu HTML Checker and a search engine's crawler found: dates with microseconds, duplicate image
widths, lessons sharing the site's tagline, a home title naming the brand twice, the wall missing from the
sitemap and its later pages pointing their canonical link at the first."""

import datetime
import re

import pytest
import wagtail_factories
from django.utils import timezone

from courses.models import LessonPage, QuizPage
from home.templatetags.home_tags import iso_datetime
from tests.factories.manifesto import ManifestoPageFactory, SignatureFactory, bulk_signatures
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db
DATETIME = re.compile(r'<time datetime="([^"]+)"')
HTML_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z))?$")


def meta_description(html):
    return re.search(r'<meta name="description" content="([^"]*)"', html).group(1)


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_iso_datetime_drops_microseconds_and_keeps_the_offset():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 3, 22, 26, 5, 123456))
    assert iso_datetime(moment) == "2026-12-03T22:26:05+01:00"
    assert iso_datetime(None) == ""


def test_signature_dates_on_the_wall_are_valid_html_datetimes(client, home_page):
    manifesto = ManifestoPageFactory(parent=home_page)
    SignatureFactory(manifesto=manifesto, confirmed=True, is_public=True)
    html = client.get("/manifeste/signataires/").content.decode()
    values = DATETIME.findall(html)
    assert values
    for value in values:
        assert HTML_DATETIME.match(value), value


def test_article_image_never_lists_two_files_of_the_same_width(client, home_page):
    image = wagtail_factories.ImageFactory(title="Photo", file__width=1200, file__height=800)
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, featured_image=image, featured_image_alt="Une photo")
    html = client.get(article.url).content.decode()
    picture = html[html.index("<picture>") : html.index("</picture>")]
    srcsets = re.findall(r'srcset="([^"]+)"', picture)
    assert len(srcsets) == 2  # WebP and JPEG
    for srcset in srcsets:
        widths = [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
        assert len(widths) == len(set(widths)), srcset
        assert widths[-1] == "1200w"


def test_lessons_and_quizzes_describe_themselves_and_the_home_title_names_the_brand_once(client, demo_content):
    tagline = "Des professionnels du web bénévoles au service des associations."
    descriptions = set()
    for page in [*LessonPage.objects.live(), *QuizPage.objects.live()]:
        html = client.get(page.url).content.decode()
        description = meta_description(html)
        assert description and description != tagline, page.url
        descriptions.add(description)
    lesson = LessonPage.objects.live().first()
    first_paragraph = next(block for block in lesson.body if block.block_type == "paragraph")
    assert meta_description(client.get(lesson.url).content.decode())[:40] in re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", "", first_paragraph.value.source)
    ).replace("'", "&#x27;")
    assert len(descriptions) > 10  # each its own, not one shared text

    home_title = title_of(client.get("/").content.decode())
    assert home_title.count("Webassoc") == 1, home_title
    assert title_of(client.get("/a-propos/").content.decode()) == "À propos – Webassoc"


def test_the_wall_is_in_the_sitemap_and_each_page_of_it_is_its_own_canonical(client, home_page):
    manifesto = ManifestoPageFactory(parent=home_page)
    bulk_signatures(manifesto, 45)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/manifeste/signataires/</loc>" in sitemap
    first = client.get("/manifeste/signataires/").content.decode()
    assert '<link rel="canonical" href="http://localhost/manifeste/signataires/">' in first
    second = client.get("/manifeste/signataires/?page=2").content.decode()
    assert '<link rel="canonical" href="http://localhost/manifeste/signataires/?page=2">' in second
    assert 'name="robots" content="noindex"' not in second
    filtered = client.get("/manifeste/signataires/?q=Dominique").content.decode()
    assert 'name="robots" content="noindex"' in filtered


def test_a_hidden_wall_stays_out_of_the_sitemap(client, home_page):
    ManifestoPageFactory(parent=home_page, show_wall=False)
    assert "/manifeste/signataires/" not in client.get("/sitemap.xml").content.decode()
