import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_sitemap_lists_live_pages_only(client, demo_content):
    from home.models import StandardPage

    draft = StandardPage.objects.get(slug="contact")
    draft.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert "/a-propos/</loc>" in body
    assert "/contact/</loc>" not in body


@pytest.mark.django_db
def test_robots_txt_points_to_sitemap_on_the_site_address_and_hides_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://localhost/sitemap.xml" in body


def test_favicon_redirects_to_static_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


@pytest.mark.django_db
def test_unknown_page_gives_404_in_site_design(client, demo_content):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'class="site-header"' in html


def test_500_page_renders_without_context():
    html = render_to_string("500.html")
    assert "<h1>" in html
    assert "Une erreur est survenue" in html
