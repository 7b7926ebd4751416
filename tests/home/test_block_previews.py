"""Every StreamField block shows a preview in the block chooser (Wagtail's block preview), rendered with
the site's styles, and has a label and a description."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.models import LessonPage
from home.blocks import BaseStreamBlock
from home.demo_utils import demo_image

STREAMS = {"page body": BaseStreamBlock(), "lesson body": LessonPage._meta.get_field("body").stream_block}


def every_block():
    for stream_name, stream in STREAMS.items():
        for name, block in stream.child_blocks.items():
            yield f"{stream_name}: {name}", block


def test_every_block_is_previewable_with_a_label_and_a_description():
    for label, block in every_block():
        assert block.is_previewable, f"{label} has no preview in the block chooser"
        assert block.label, label
        assert block.get_description(), label


@pytest.mark.django_db
def test_every_block_preview_renders_with_the_site_styles(client):
    from wagtail.documents import get_document_model

    demo_image("Aperçu")  # the image and document blocks preview the first of the library
    get_document_model().objects.create(title="Statuts de l'association", file="documents/statuts.pdf")
    client.force_login(get_user_model().objects.create_superuser(email="admin@example.org", password="x"))
    for label, block in every_block():
        response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200, label
        html = response.content.decode()
        assert "css/site.css" in html, label
        body = html.split("<main>", 1)[1].split("</main>", 1)[0]
        assert len(body.strip()) > 100, f"{label}: empty preview"


@pytest.mark.django_db
def test_every_block_preview_works_while_the_libraries_are_empty(client):
    """A new site has no image nor document yet: the block chooser's previews still show something."""
    client.force_login(get_user_model().objects.create_superuser(email="admin@example.org", password="x"))
    for label, block in every_block():
        response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
        assert response.status_code == 200, label
        body = response.content.decode().split("<main>", 1)[1].split("</main>", 1)[0]
        assert "None" not in body, label
