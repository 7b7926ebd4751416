"""The accessibility statement (déclaration d'accessibilité): one page in the RGAA model's structure,
edited in the admin, shown in the footer of every page with its state of compliance."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import AccessibilityStatementPage, HomePage

RGAA_SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Établissement de cette déclaration d’accessibilité",
    "Retour d’information et contact",
    "Voies de recours",
]


def statement(**fields):
    values = {
        "title": "Déclaration d'accessibilité",
        "slug": "accessibilite",
        "compliance_status": AccessibilityStatementPage.PARTIAL,
        "compliance_rate": 78,
        "audit_date": datetime.date(2026, 10, 15),
        "statement_date": datetime.date(2026, 11, 4),
    }
    return AccessibilityStatementPage(**{**values, **fields})


@pytest.mark.django_db
class TestAccessibilityStatementRules(WagtailPageTestCase):
    def test_one_statement_under_the_home_page_without_children(self):
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, set())
        assert AccessibilityStatementPage.max_count == 1

    def test_staff_write_the_statement_in_the_admin(self):
        home = HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
        Page.get_first_root_node().add_child(instance=home)
        self.login()
        self.assertCanCreate(
            home,
            AccessibilityStatementPage,
            nested_form_data(
                {
                    "title": "Déclaration d'accessibilité",
                    "slug": "accessibilite",
                    "intro": "Webassoc s'engage à rendre son site accessible.",
                    "compliance_status": "partial",
                    "compliance_rate": "64",
                    "standard": "RGAA version 4.1.2",
                    "audit_date": "2026-10-15",
                    "statement_date": "2026-11-04",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Voies de recours", "level": "h2"}),
                            ("paragraph", rich_text("<p>Écrivez au Défenseur des droits.</p>")),
                        ]
                    ),
                }
            ),
        )
        page = AccessibilityStatementPage.objects.get(slug="accessibilite")
        assert (page.compliance_status, page.compliance_rate) == ("partial", 64)
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]


@pytest.mark.parametrize(
    ("status", "rate", "audit", "field"),
    [
        ("full", 95, True, "compliance_rate"),
        ("partial", 30, True, "compliance_rate"),
        ("partial", None, False, "compliance_rate"),
        ("none", 70, True, "compliance_status"),
        ("partial", 78, False, "audit_date"),
        ("partial", 120, True, "compliance_rate"),
    ],
)
def test_a_state_of_compliance_that_contradicts_the_rate_is_refused_next_to_the_field(status, rate, audit, field):
    page = statement(
        compliance_status=status, compliance_rate=rate, audit_date=datetime.date(2026, 10, 15) if audit else None
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert field in error.value.message_dict


def test_a_site_without_audit_is_not_compliant():
    statement(compliance_status="none", compliance_rate=None, audit_date=None).clean()


@pytest.mark.django_db
def test_demo_statement_has_the_rgaa_sections_and_the_footer_links_to_it(client, demo_content):
    response = client.get("/accessibilite/")
    assert response.status_code == 200
    html = response.content.decode()
    for section in RGAA_SECTIONS:
        assert f">{section}</h2>" in html, section
    assert "<strong>partiellement conforme</strong> au RGAA version 4.1.2" in html
    assert "78\u00a0%" in html
    assert "Défenseur des droits" in html and "Libre réponse 71120" in html
    assert '<time datetime="2026-11-04">4 novembre 2026</time>' in html
    for path in ["/", "/a-propos/", "/formations/", "/manifeste/"]:
        page = client.get(path).content.decode()
        footer = page[page.index("<footer") :]
        assert '<a href="/accessibilite/">Accessibilité\u00a0: partiellement conforme</a>' in footer, path


@pytest.mark.django_db
def test_footer_follows_the_statement_and_drops_the_link_when_it_is_unpublished(client, home_page):
    page = statement(compliance_status="none", compliance_rate=None, audit_date=None)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert "Accessibilité\u00a0: non conforme" in client.get("/").content.decode()
    page.unpublish()
    assert "Accessibilité\u00a0:" not in client.get("/").content.decode()
