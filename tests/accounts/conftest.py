import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from tests.factories.accounts import UserFactory


@pytest.fixture(autouse=True)
def _french():
    """A request to /en/ leaves English active in the thread (reverse() would then give /en/ URLs)."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _site(home_page):
    """Account pages render the site layout, which reads the Wagtail site settings."""
    return home_page


@pytest.fixture
def user(db):
    return UserFactory(email="camille@example.org", first_name="Camille", last_name="Durand")


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.inline_scripts = 0
        self.style_attributes = 0
        self.labels_for = set()
        self.inputs = []
        self.has_site_header = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.inline_scripts += 1
        if "style" in attrs:
            self.style_attributes += 1
        if tag == "style":
            self.style_attributes += 1
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit", "search"}:
            self.inputs.append(attrs)
        if tag == "header" and "site-header" in (attrs.get("class") or ""):
            self.has_site_header = True


def assert_accessible_page(response):
    """The page is in the site layout, has one h1, a label for every input and no inline code."""
    assert response.status_code == 200
    parser = PageStructure()
    parser.feed(response.content.decode())
    assert parser.has_site_header
    assert parser.h1_count == 1
    assert parser.inline_scripts == 0
    assert parser.style_attributes == 0
    for attrs in parser.inputs:
        assert attrs.get("id") in parser.labels_for, attrs
        assert "placeholder" not in attrs, attrs
    return parser


def link_from_email(message):
    """The first site link in an e-mail body, as a path the test client can follow."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)
