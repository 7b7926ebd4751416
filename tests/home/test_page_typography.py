"""What a French reader sees on the real (demo) pages is typeset: no line can start with « ? », « ! », « ; »,
« : » or « » », and no guillemet is separated from its word by a breakable space (docs/typography.md)."""

import re
from html.parser import HTMLParser

import pytest

from courses.models import CoursePage, LessonPage
from events.models import AgendaPage
from manifesto.models import ManifestoPage
from news.models import NewsPage

pytestmark = pytest.mark.django_db

# A breakable space (or line break) before ; ! ? : » or after «, and a straight apostrophe between letters.
BREAKABLE = re.compile(r"\S[ \t\r\n]+[;!?:»](?=\s|$)|«[ \t\r\n]")
STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


class VisibleText(HTMLParser):
    """The text a visitor reads: not scripts, styles, code or form values."""

    HIDDEN = {"script", "style", "code", "pre", "textarea", "template"}

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return "".join(parser.parts)


def assert_typeset(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    text = visible_text(html)
    assert not BREAKABLE.findall(text), (url, [text[m.start() - 30 : m.end() + 5] for m in BREAKABLE.finditer(text)])
    assert not STRAIGHT_APOSTROPHE.findall(text), url
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert not BREAKABLE.search(title), title


def test_demo_pages_have_no_breakable_space_before_french_punctuation(client, demo_content):
    pages = [
        "/",
        CoursePage.objects.live().first().url,
        LessonPage.objects.live().first().url,
        NewsPage.objects.live().first().url,
        ManifestoPage.objects.live().first().url,
        AgendaPage.objects.live().first().url,
    ]
    for url in pages:
        assert_typeset(client, url)


def test_rich_text_typed_by_an_editor_is_typeset_without_double_escaping(client, demo_content):
    lesson = LessonPage.objects.live().first()
    html = client.get(lesson.url).content.decode()
    # The demo writes plain spaces and straight apostrophes; the page shows them typeset, escaped once.
    assert "\u00a0:" in html and "’" in html
    assert "&amp;amp;" not in html and "&amp;#" not in html
