"""Structured data: the JSON-LD (schema.org) that search engines read, parsed as they parse it."""

import json
import re

import pytest
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from events.models import WorkshopPage
from home.structured_data import json_ld
from news.models import NewsPage

SITE = "https://webassoc.example"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_objects(html):
    objects = [json.loads(text) for text in SCRIPT.findall(html)]
    for data in objects:
        assert data["@context"] == "https://schema.org"
    return {data["@type"]: data for data in objects}, objects


def test_text_typed_by_editors_cannot_close_the_script_element():
    html = json_ld({"@type": "Thing", "name": "</script><script>alert(1)</script> & <b>"})
    assert html.count("</script>") == 1
    assert "<b>" not in html and "\\u003C/script\\u003E" in html
    assert json.loads(SCRIPT.search(html).group(1))["name"] == "</script><script>alert(1)</script> & <b>"


@pytest.fixture
def site(demo_content):
    from home.site_url import apply_site_url

    apply_site_url(SITE)
    return demo_content


@pytest.mark.django_db
def test_every_page_type_describes_itself_with_the_required_properties(client, site):
    # Home page: the association.
    types, _ = json_ld_objects(client.get("/").content.decode())
    organization = types["Organization"]
    assert organization["name"] == "Webassoc" and organization["url"] == SITE + "/"
    assert organization["address"]["addressLocality"] == "Lyon"
    assert "BreadcrumbList" not in types  # the home page shows no breadcrumbs

    # A course: provider, name, description, language; its breadcrumbs.
    course = CoursePage.objects.live().first()
    types, _ = json_ld_objects(client.get(course.url).content.decode())
    data = types["Course"]
    assert data["name"] == course.title
    assert data["description"] == course.summary
    assert data["inLanguage"] == "fr"
    assert data["provider"]["@type"] == "Organization" and data["provider"]["name"] == "Webassoc"
    assert data["url"] == SITE + course.url
    trail = types["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in trail] == [1, 2, 3]
    assert [item["name"] for item in trail] == ["Accueil", course.get_parent().title, course.title]
    assert trail[-1]["item"] == SITE + course.url

    # A lesson: no type of its own, but the breadcrumbs down to it.
    lesson = LessonPage.objects.live().child_of(course).first()
    types, _ = json_ld_objects(client.get(lesson.url).content.decode())
    assert [item["name"] for item in types["BreadcrumbList"]["itemListElement"]][-2:] == [course.title, lesson.title]

    # An article: headline, dates, authors, image.
    article = NewsPage.objects.live().exclude(featured_image=None).filter(author_links__isnull=False).first()
    types, _ = json_ld_objects(client.get(article.url).content.decode())
    data = types["NewsArticle"]
    assert data["headline"] == article.seo_title or article.title
    assert data["datePublished"].startswith(article.date.isoformat())
    assert data["dateModified"] >= data["datePublished"][:10]
    assert "." not in data["datePublished"]  # no microseconds
    assert data["author"][0]["@type"] == "Person"
    assert data["author"][0]["name"] == article.author_links.first().author.name
    assert data["image"][0].startswith(SITE + "/")
    assert data["publisher"]["name"] == "Webassoc"

    # A workshop: one Event per session to come, never the meeting link.
    workshop = next(page for page in WorkshopPage.objects.live() if page.sessions.filter(ends_at__gte=timezone.now()))
    html = client.get(workshop.url).content.decode()
    _types, objects = json_ld_objects(html)
    events = [data for data in objects if data["@type"] == "Event"]
    assert len(events) == workshop.sessions.filter(ends_at__gte=timezone.now()).count()
    for event in events:
        assert event["name"] == workshop.title
        assert event["startDate"] < event["endDate"]
        assert event["location"]["@type"] in ("Place", "VirtualLocation")
        assert event["eventStatus"].startswith("https://schema.org/Event")
        assert event["organizer"]["name"] == "Webassoc"
    for session in workshop.sessions.exclude(meeting_url=""):
        assert session.meeting_url not in html
