"""The editor's guide inside the admin, and a dashboard that shows each role its to-do list first."""

import pytest
from django.contrib.auth.models import Group

from community.models import Status
from home.models import StandardPage
from tests.factories.accounts import UserFactory
from tests.factories.community import HelpRequestFactory


def staff(group):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Rédaction", "Formateurs", "Modération"])
def test_every_staff_role_opens_the_guide_from_the_admin_menu(client, home_page, group):
    client.force_login(staff(group))
    dashboard = client.get("/admin/").content.decode()
    # The sidebar is drawn from JSON: the guide is in the Help menu, Wagtail's English guide is not.
    assert '"label": "Guide de l\\u2019\\u00e9diteur"' in dashboard and '"url": "/admin/guide/"' in dashboard
    assert "guide.wagtail.org" not in dashboard

    html = client.get("/admin/guide/").content.decode()
    # Rendered from docs/editor-guide.md, in French, with one section per role and its contents.
    assert html.count("<h1") == 1 and "Guide de l’éditeur" in html
    assert 'id="formateurs-creer-une-formation-avec-des-lecons-et-un-quiz"' in html
    assert 'href="#moderation-le-manifeste-des-1000"' in html
    assert "Une page programmée est <strong>verrouillée</strong>" in html
    # French typography is applied to the guide's text, and its screenshots come from the admin.
    assert "Qui fait quoi" in html and "Contenu\u00a0: " not in html
    assert 'src="/admin/guide/images/01-dashboard.png"' in html


@pytest.mark.django_db
def test_the_guide_and_its_screenshots_are_for_staff_only(client, home_page):
    assert client.get("/admin/guide/").status_code == 302
    assert client.get("/admin/guide/images/01-dashboard.png").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/admin/guide/").status_code == 302


@pytest.mark.django_db
def test_guide_screenshots_are_served_and_nothing_else(client, home_page):
    client.force_login(staff("Rédaction"))
    response = client.get("/admin/guide/images/01-dashboard.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ["absent.png", "..%2Feditor-guide.md", "%2E%2E%2F%2E%2E%2Fmanage.py", "01-dashboard.PNG"]:
        assert client.get(f"/admin/guide/images/{name}").status_code in (301, 404), name


@pytest.mark.django_db
def test_moderators_see_what_waits_for_them_before_the_figures(client, demo_content):
    editor = staff("Rédaction")
    page = StandardPage.objects.get(slug="contact")
    page.title = "Contact (nouvelle version)"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)

    client.force_login(staff("Modération"))
    html = client.get("/admin/").content.decode()
    waiting = html.index("En attente de votre vérification")
    assert waiting < html.index("Contact (nouvelle version)")
    for figures in ["Nouveaux membres (30 derniers jours)", "Formations les moins terminées", "Signatures confirmées"]:
        assert waiting < html.index(figures), figures


@pytest.mark.django_db
def test_new_confirmed_help_requests_are_on_the_staff_to_do_list(client, demo_content):
    waiting = HelpRequestFactory(association="Les Amis du Canal")
    HelpRequestFactory(association="Association déjà triée", status=Status.ACCEPTED)
    HelpRequestFactory(association="Demande non confirmée", confirmed_at=None)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    html = client.get("/admin/").content.decode()
    panel = html.index("Demandes d’accompagnement à trier")
    assert panel < html.index("Nouveaux membres (30 derniers jours)")
    assert f"/admin/snippets/community/helprequest/edit/{waiting.pk}/" in html
    assert "Les Amis du Canal" in html
    assert "Association déjà triée" not in html and "Demande non confirmée" not in html

    client.force_login(staff("Rédaction"))
    assert "Demandes d’accompagnement à trier" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_staff_avatars_are_not_fetched_from_gravatar(client, home_page):
    client.force_login(staff("Rédaction"))
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "wagtailadmin/images/default-user-avatar" in html
