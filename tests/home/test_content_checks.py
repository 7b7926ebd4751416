"""Wagtail's content checks stay enabled: the user bar's accessibility checker on the public pages that
staff see, and the checks panel (accessibility, word count, reading time, readability) in the editor.
Their results on the demo content are checked in a real browser (tests/e2e/test_content_checks.py)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils import WagtailTestUtils

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, demo_content):
    user = get_user_model().objects.create_user(email="redaction@example.org", password="x")
    user.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(user)
    return client


def test_staff_see_the_user_bar_with_wagtails_accessibility_checker(editor_client):
    page = StandardPage.objects.get(slug="a-propos")
    html = editor_client.get(page.url).content.decode()
    assert "<wagtail-userbar>" in html
    template = WagtailTestUtils.get_soup(html).find("template", id="wagtail-userbar-template")
    config = json.loads(template.find(id="checker-axe-configuration").string)
    for rule in ("empty-heading", "heading-order", "link-name", "button-name", "alt-text-quality"):
        assert rule in config["options"]["runOnly"]


def test_visitors_get_no_user_bar(client, demo_content):
    assert "wagtail-userbar" not in client.get("/a-propos/").content.decode()


def test_page_editor_has_the_checks_panel_with_content_metrics(editor_client):
    page = StandardPage.objects.get(slug="a-propos")
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    soup = WagtailTestUtils.get_soup(html)
    panel = soup.find(attrs={"data-side-panel": "checks"})
    assert panel is not None
    for metric in ("data-content-word-count", "data-content-reading-time", "data-content-readability-score"):
        assert panel.find(attrs={metric: True}), metric
    assert soup.find(id="checker-axe-configuration")
