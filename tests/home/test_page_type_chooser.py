import pytest

from tests.home.test_admin import admin_client  # noqa: F401


@pytest.mark.django_db
def test_choosing_a_page_type_shows_its_description_and_icon(admin_client, home_page):  # noqa: F811
    # Under a new home page editors choose between several page types (the singletons are not
    # created yet, so Wagtail shows the chooser instead of going straight to the only choice).
    response = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Une page simple de texte et de médias" in html
    assert "#icon-doc-full" in html
    assert html.count('class="w-flex"') > 1
