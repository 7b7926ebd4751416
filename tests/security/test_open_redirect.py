"""Links the site writes from the address a visitor asked for never lead to another host."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

HOSTILE_PATHS = [
    "/%2F%2Fevil.example/",
    "/%2F%2F%2Fevil.example/",  # rendered href="///evil.example/" in the audit
    "/%2F%5Cevil.example/",
    "/%5C%5Cevil.example/",
    "/%09/evil.example/",  # browsers drop the tab: "//evil.example/"
    "/%2F%0A%2Fevil.example/",
    "/%2F%2Fevil.example/?lang=en",
    "/en/%2F%2Fevil.example/",
    "/en/%2F%2F%2Fevil.example/",
]


def _browser_reads_as(href):
    """What a browser makes of ``href``: tabs and line breaks dropped, backslashes read as slashes."""
    return href.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_the_404_page_language_links_stay_on_the_site(home_page, path):
    response = Client().get(path)

    assert response.status_code == 404
    hrefs = re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', response.content.decode())
    assert {code for _, code in hrefs} == {"fr", "en"}
    for href, _code in hrefs:
        read = _browser_reads_as(href)
        assert read.startswith("/")
        assert not read.startswith("//"), href
        assert urlsplit(read).netloc == "", href  # browsers would read "//host/" as another site


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("//evil.example/", "/evil.example/"),
        ("///evil.example/?a=1", "/evil.example/?a=1"),
        ("/\\evil.example/", "/evil.example/"),
        ("/\t/evil.example/", "/evil.example/"),
        ("/formations/", "/formations/"),
        ("/en//x/", "/en//x/"),
        ("", "/"),
    ],
)
def test_local_path_is_always_read_as_a_path_of_this_site(path, expected):
    from home.templatetags.home_tags import local_path

    assert local_path(path) == expected


@pytest.mark.parametrize(
    "path",
    ["//evil.example", "//evil.example/manifeste/merci/", "/%2F%2Fevil.example/comptes/profil/", "//comptes/login/"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_view_redirects_to_another_host_from_a_double_slash_path(home_page, path, method):
    """Views that redirect to ``request.path`` or post their forms to it are only reached through
    anchored routes, and the trailing-slash redirect escapes a leading "//": nothing leaves the site."""
    response = getattr(Client(), method)(path)
    assert response.status_code < 500
    location = response.get("Location", "")
    if location:
        assert not _browser_reads_as(location).startswith("//"), location
        assert urlsplit(_browser_reads_as(location)).netloc in ("", "testserver"), location
    for action in re.findall(r'action="([^"]*)"', response.content.decode()):
        assert not _browser_reads_as(action).startswith("//"), action


def test_an_ordinary_address_keeps_its_language_links(home_page):
    response = Client().get("/page-absente/")

    hrefs = {code: href for href, code in re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', response.content.decode())}
    assert hrefs == {"fr": "/page-absente/", "en": "/en/page-absente/"}
