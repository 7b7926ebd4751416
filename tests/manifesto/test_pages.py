"""The manifesto page: where it lives, what editors fill in, what visitors see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from manifesto.models import ManifestoPage, Signature
from tests.factories.manifesto import ManifestoPageFactory, SignatureFactory


@pytest.mark.django_db
class TestManifestoPageRules(WagtailPageTestCase):
    def setUp(self):
        root = Page.get_first_root_node()
        self.home = HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
        root.add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=self.home, is_default_site=True)
        self.login()

    def test_manifesto_lives_once_under_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ManifestoPage, {HomePage})
        self.assertAllowedSubpageTypes(ManifestoPage, set())
        self.assertCanCreateAt(HomePage, ManifestoPage)
        assert ManifestoPage.max_count == 1
        ManifestoPageFactory(parent=self.home)
        assert not ManifestoPage.can_create_at(self.home)

    def test_page_renders_and_previews(self):
        page = ManifestoPageFactory(parent=self.home)
        self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(
            page,
            post_data=nested_form_data(
                {
                    "title": page.title,
                    "slug": page.slug,
                    "intro": "Brouillon",
                    "body": streamfield([("paragraph", rich_text("<p>Brouillon du manifeste</p>"))]),
                    "signature_goal": 1000,
                    "show_wall": "on",
                    "professions": inline_formset([{"name": "Développeuse"}]),
                    "confirmation_email_text": "",
                    "thank_you_text": rich_text(""),
                }
            ),
        )

    def test_editor_creates_the_manifesto_with_shared_blocks_and_professions(self):
        privacy = StandardPage(title="Confidentialité", slug="confidentialite")
        self.home.add_child(instance=privacy)
        self.assertCanCreate(
            self.home,
            ManifestoPage,
            nested_form_data(
                {
                    "title": "Notre manifeste",
                    "slug": "manifeste",
                    "intro": "Dix engagements.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Nos engagements", "level": "h2"}),
                            ("paragraph", rich_text("<p>Servir la mission.</p>")),
                        ]
                    ),
                    "signature_goal": 500,
                    "closes_at": "",
                    "show_wall": "on",
                    "professions": inline_formset([{"name": "Développeuse"}, {"name": "Graphiste"}]),
                    "confirmation_email_text": "Merci !",
                    "thank_you_text": rich_text("<p>Merci beaucoup.</p>"),
                    "privacy_page": privacy.pk,
                }
            ),
        )
        page = ManifestoPage.objects.get(slug="manifeste")
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]
        assert page.signature_goal == 500
        assert list(page.professions.values_list("name", flat=True)) == ["Développeuse", "Graphiste"]
        assert page.privacy_page_id == privacy.pk


pytestmark = pytest.mark.django_db


def test_page_shows_count_against_goal_as_text_and_accessible_bar(client, manifesto):
    SignatureFactory.create_batch(3, manifesto=manifesto, confirmed=True)
    SignatureFactory(manifesto=manifesto)  # pending: not counted
    html = client.get("/manifeste/").content.decode()
    assert "<strong>3</strong> signataires sur 1000" in html
    assert '<progress class="manifesto-counter__bar" max="1000" value="3" aria-labelledby="manifesto-count-' in html


def test_home_page_shows_the_live_count_and_links_to_the_manifesto(client, manifesto):
    SignatureFactory.create_batch(2, manifesto=manifesto, confirmed=True)
    html = client.get("/").content.decode()
    assert "<strong>2</strong> signataires sur 1000" in html
    assert 'href="/manifeste/"' in html


def test_home_page_without_manifesto_shows_no_manifesto_block(client, home_page):
    html = client.get("/").content.decode()
    assert "manifesto-summary" not in html


def test_sharing_tags_carry_the_count_and_share_links_are_plain_links(client, manifesto):
    SignatureFactory(manifesto=manifesto, confirmed=True)
    html = client.get("/manifeste/").content.decode()
    assert '<meta property="og:description" content="1 signataire sur 1000.' in html
    assert '<meta name="twitter:description" content="1 signataire sur 1000.' in html
    assert 'property="og:title"' in html and 'name="twitter:card"' in html
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2F" in html
    assert "mailto:?subject=" in html
    # No third-party (or inline) script in the body: only data for search engines (JSON-LD), never run.
    body = html.split("</head>")[1].replace('<script type="application/ld+json">', "")
    assert "<script" not in body


def test_form_is_accessible_and_works_without_javascript(client, manifesto):
    privacy = StandardPage(title="Confidentialité", slug="confidentialite")
    manifesto.get_parent().add_child(instance=privacy)
    privacy.save_revision().publish()
    manifesto.privacy_page = privacy
    manifesto.save_revision().publish()
    html = client.get("/manifeste/").content.decode()
    assert '<form method="post" action="/manifeste/#signer"' in html
    for field, autocomplete in (("first_name", "given-name"), ("last_name", "family-name"), ("email", "email")):
        assert f'<label for="id_{field}">' in html
        assert f'autocomplete="{autocomplete}"' in html
    assert "<fieldset" in html and "<legend>" in html
    assert 'class="required-mark"' in html
    assert 'href="/confidentialite/"' in html
    assert 'name="is_public"' in html and 'name="is_public" checked' not in html
    assert (
        'id="id_email" aria-describedby="id_email_helptext"' in html or 'aria-describedby="id_email_helptext"' in html
    )
    assert "style=" not in html and "onclick" not in html


def test_latest_public_signatures_are_shown_but_not_pending_private_or_hidden(client, manifesto):
    SignatureFactory(manifesto=manifesto, last_name="Visible", confirmed=True)
    SignatureFactory(manifesto=manifesto, last_name="Enattente")
    SignatureFactory(manifesto=manifesto, last_name="Discret", is_public=False, confirmed=True)
    SignatureFactory(manifesto=manifesto, last_name="Masque", is_hidden=True, confirmed=True)
    html = client.get("/manifeste/").content.decode()
    assert "Visible" in html
    for name in ("Enattente", "Discret", "Masque"):
        assert name not in html
    assert "<strong>3</strong> signataires" in html  # hidden and private ones still count


def test_after_the_closing_date_the_page_shows_the_final_count_and_no_form(client, manifesto):
    SignatureFactory.create_batch(2, manifesto=manifesto, confirmed=True)
    manifesto.closes_at = timezone.now() - datetime.timedelta(hours=1)
    manifesto.save_revision().publish()
    html = client.get("/manifeste/").content.decode()
    assert "Nombre final : 2 signataires" in html
    assert 'name="email"' not in html
    from tests.manifesto.conftest import sign_data

    response = client.post("/manifeste/", sign_data(manifesto))
    assert response.status_code == 302
    assert not Signature.objects.filter(last_name="Durand").exists()


def test_english_page_is_served_under_en(client, manifesto):
    response = client.get("/en/manifeste/")
    assert response.status_code == 200
    assert "signatories out of 1000" in response.content.decode() or "signatory out of" in response.content.decode()


def test_admin_edit_view_of_the_manifesto_opens(client, manifesto, admin_user):
    client.force_login(admin_user)
    assert client.get(f"/admin/pages/{manifesto.pk}/edit/").status_code == 200


def test_deleting_the_manifesto_deletes_its_signatures(manifesto):
    SignatureFactory.create_batch(2, manifesto=manifesto, confirmed=True)
    manifesto.delete()
    assert Signature.objects.count() == 0
    from django.db import connection

    connection.check_constraints()
