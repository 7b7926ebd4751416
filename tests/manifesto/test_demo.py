import io

import pytest
from django.core.management import call_command

from manifesto.models import ManifestoPage, Signature

pytestmark = pytest.mark.django_db


def test_demo_manifesto_has_ten_commitments_sixty_signatures_and_is_idempotent(client, demo_content):
    page = ManifestoPage.objects.get()
    assert page.url == "/manifeste/" and page.live
    assert page.signature_goal == 1000
    assert page.privacy_page.slug == "confidentialite"
    assert sum(1 for block in page.body if block.block_type == "heading" and block.value["level"] == "h3") == 10
    assert page.professions.count() >= 6
    total = Signature.objects.count()
    assert 55 <= total <= 65 and Signature.objects.confirmed().count() == total
    assert page.signature_count == total
    assert Signature.objects.on_wall().count() > total // 2
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    assert ManifestoPage.objects.count() == 1 and Signature.objects.count() == total
    assert client.get("/manifeste/").status_code == 200
    assert client.get("/manifeste/signataires/").status_code == 200
