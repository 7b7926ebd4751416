import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_is_in_french_for_french_staff(admin_client, demo_content):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="fr"' in html
    assert "Tableau de bord" in html or "Pages" in html


@pytest.mark.django_db
def test_site_settings_are_editable_in_the_admin(admin_client, demo_content):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/home/organisationsettings/{site.pk}/"
    response = admin_client.post(
        url,
        {
            "name": "Webassoc Lyon",
            "tagline": "",
            "contact_email": "pas-une-adresse",
            "postal_address": "",
            "social_links-count": "0",
        },
    )
    assert response.status_code == 200  # form shown again with the error
    assert OrganisationSettings.for_site(site).name == "Webassoc"


@pytest.mark.django_db
def test_dashboard_shows_new_members_of_the_last_30_days(admin_client, demo_content):
    get_user_model().objects.create_user(email="nouvelle@example.org", password="x")
    html = admin_client.get("/admin/").content.decode()
    assert "Nouveaux membres (30 derniers jours)" in html
    assert "Total" in html


@pytest.mark.django_db
def test_moderator_dashboard_lists_pages_waiting_for_moderation(client, demo_content):
    from django.contrib.auth.models import Group

    from home.models import StandardPage

    editor = get_user_model().objects.create_user(email="redac@example.org", password="x")
    editor.groups.add(Group.objects.get(name="Rédaction"))
    moderator = get_user_model().objects.create_user(email="modo@example.org", password="x")
    moderator.groups.add(Group.objects.get(name="Modération"))
    page = StandardPage.objects.get(slug="contact")
    page.title = "Contact (nouvelle version)"
    revision = page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    assert revision
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Contact (nouvelle version)" in html


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["action-publish", None])
def test_a_slug_taken_between_the_form_check_and_the_save_gives_the_form_back(
    admin_client, demo_content, monkeypatch, action
):
    """Another request creates "agenda" after this form found the slug free: the editor gets the
    form again with the slug error and their text, not a server error, and no second page."""
    from wagtail.models import Page
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from home.models import HomePage, StandardPage

    home = HomePage.objects.get()
    slug_is_available = Page._slug_is_available
    raced = []

    def slug_taken_meanwhile(slug, parent_page, page=None):
        available = slug_is_available(slug, parent_page, page)
        if not raced:
            raced.append(slug)
            home.add_child(instance=StandardPage(title="Agenda (autre onglet)", slug=slug))
        return available

    monkeypatch.setattr(Page, "_slug_is_available", staticmethod(slug_taken_meanwhile))
    data = nested_form_data(
        {"title": "Agenda", "slug": "agenda", "intro": "Nos rendez-vous du trimestre.", "body": streamfield([])}
    )
    if action:
        data[action] = "1"
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home.pk}/", data)

    assert raced == ["agenda"]
    assert response.status_code == 200
    html = response.content.decode()
    assert "est déjà utilisé" in html
    assert "Nos rendez-vous du trimestre." in html
    assert list(StandardPage.objects.filter(slug="agenda").values_list("title", flat=True)) == ["Agenda (autre onglet)"]
