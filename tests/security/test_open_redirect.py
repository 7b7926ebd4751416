"""Links the site writes from the address a visitor asked for never lead to another host."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client


@pytest.mark.parametrize("path", ["/%2F%2Fevil.example/", "/%2F%5Cevil.example/", "/en/%2F%2Fevil.example/"])
def test_the_404_page_language_links_stay_on_the_site(home_page, path):
    response = Client().get(path)

    assert response.status_code == 404
    hrefs = re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', response.content.decode())
    assert {code for _, code in hrefs} == {"fr", "en"}
    for href, _code in hrefs:
        assert href.startswith("/")
        assert not href.startswith(("//", "/\\")), href
        assert urlsplit(href).netloc == "", href  # browsers would read "//host/" as another site


def test_an_ordinary_address_keeps_its_language_links(home_page):
    response = Client().get("/page-absente/")

    hrefs = {code: href for href, code in re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', response.content.decode())}
    assert hrefs == {"fr": "/page-absente/", "en": "/en/page-absente/"}
