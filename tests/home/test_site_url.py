"""One address for the site: the Site record, set from SITE_URL by ``manage.py set_site_url``.

Every page and file is asked for through another host name than the configured one: no absolute link may
name that host, localhost or the development address.
"""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site

from home.site_url import apply_site_url, parse_site_url
from manifesto.models import ManifestoPage
from news.models import NewsPage

SITE = "https://webassoc.example"
OTHER_HOST = "interne.example.org"
FOREIGN = (OTHER_HOST, "localhost", "127.0.0.1", "testserver")


def site_links(text):
    """The absolute addresses in ``text`` that are not third-party share or schema links."""
    third_parties = (
        "bsky.app",
        "linkedin.com",
        "facebook.com",
        "mastodon.social",
        "schema.org",
        "w3.org",
        "purl.org",
        "sitemaps.org",
    )
    links = re.findall(r"https?://[^\s\"'<>]+", text)
    return [link for link in links if not any(host in link for host in third_parties)]


def assert_only_site_address(text, where):
    for host in FOREIGN:
        assert host not in text, f"{host} in {where}"
    links = site_links(text)
    assert links, f"no absolute link in {where}"
    for link in links:
        assert link.startswith(SITE + "/") or link == SITE, f"{link} in {where}"


@pytest.fixture
def configured(demo_content, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    call_command("set_site_url", SITE, stdout=io.StringIO())
    return demo_content


@pytest.mark.parametrize(
    ("value", "hostname", "port"),
    [
        ("https://webassoc.fr", "webassoc.fr", 443),
        ("https://webassoc.fr/", "webassoc.fr", 443),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000),
        ("http://asso.example", "asso.example", 80),
    ],
)
def test_site_addresses_are_read_as_wagtail_stores_them(value, hostname, port):
    assert parse_site_url(value) == (hostname, port)


@pytest.mark.parametrize(
    "value", ["", "webassoc.fr", "ftp://webassoc.fr", "https://webassoc.fr/site/", "https://webassoc.fr:8443"]
)
@pytest.mark.django_db
def test_set_site_url_refuses_an_address_wagtail_cannot_serve_and_changes_nothing(home_page, value, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(CommandError):
        call_command("set_site_url", value, stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)


@pytest.mark.django_db
def test_set_site_url_reads_site_url_from_the_environment_and_is_idempotent(home_page, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://webassoc.fr")
    out = io.StringIO()
    call_command("set_site_url", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("webassoc.fr", 443, "https://webassoc.fr")
    assert "set to https://webassoc.fr" in out.getvalue()
    out = io.StringIO()
    call_command("set_site_url", stdout=out)
    assert "already https://webassoc.fr" in out.getvalue()


@pytest.mark.django_db
def test_demo_loader_points_the_site_at_its_address(db, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    call_command("load_demo", "--no-users", "--address", "http://127.0.0.1:8123", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"
    monkeypatch.setenv("SITE_URL", "https://webassoc.fr")
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "https://webassoc.fr"


@pytest.mark.django_db
def test_pages_canonical_open_graph_and_share_links_use_the_site_address(client, configured):
    article = NewsPage.objects.live().first()
    manifesto = ManifestoPage.objects.live().first()
    for path in ["/", "/a-propos/", article.url, manifesto.url, manifesto.url + "signataires/"]:
        html = client.get(path, HTTP_HOST=OTHER_HOST).content.decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert canonical.startswith(SITE + "/"), (path, canonical)
        og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
        assert og_image.startswith(SITE + "/"), (path, og_image)
        head = html[: html.index("</head>")]
        assert_only_site_address(head, path)
    article_html = client.get(article.url, HTTP_HOST=OTHER_HOST).content.decode()
    assert "linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fwebassoc.example%2Factualites%2F" in article_html


@pytest.mark.django_db
def test_sitemap_robots_and_feeds_use_the_site_address(client, configured):
    sitemap = client.get("/sitemap.xml", HTTP_HOST=OTHER_HOST).content.decode()
    assert_only_site_address(sitemap, "sitemap")
    robots = client.get("/robots.txt", HTTP_HOST=OTHER_HOST).content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    for feed in ["/actualites/flux/", "/actualites/flux/atom/"]:
        body = client.get(feed, HTTP_HOST=OTHER_HOST).content.decode()
        ET.fromstring(body)  # noqa: S314 - our own feed
        assert_only_site_address(body, feed)


@pytest.mark.django_db
def test_emails_sent_from_a_request_link_to_the_site_address(client, configured, settings):
    from tests.manifesto.conftest import sign_data

    settings.MANIFESTO_MIN_FILL_SECONDS = 0
    manifesto = ManifestoPage.objects.live().first()
    mail.outbox.clear()
    client.post(manifesto.url, sign_data(manifesto, email="lou@example.org"), HTTP_HOST=OTHER_HOST)
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Léa",
            "last_name": "Moreau",
            "email": "lea@example.org",
            "password1": "un-mot-de-passe-solide-42",
            "association": "Jardins partagés",
            "role": "Trésorière",
        },
        HTTP_HOST=OTHER_HOST,
    )
    client.post(reverse("account_reset_password"), {"email": "lea@example.org"}, HTTP_HOST=OTHER_HOST)
    assert len(mail.outbox) == 3, [message.subject for message in mail.outbox]
    for message in mail.outbox:
        assert_only_site_address(message.body, message.subject)


@pytest.mark.django_db
def test_admin_resent_confirmation_links_to_the_site_address(client, configured, settings):
    from django.contrib.auth import get_user_model

    from tests.factories.manifesto import SignatureFactory

    admin = get_user_model().objects.create_superuser(email="chef@example.org", password="x-Y-z-12345678")
    client.force_login(admin)
    pending = SignatureFactory(manifesto=ManifestoPage.objects.live().first())
    mail.outbox.clear()
    client.post(f"/admin/bulk/manifesto/signature/resend_confirmation/?id={pending.pk}", HTTP_HOST=OTHER_HOST)
    assert len(mail.outbox) == 1
    assert_only_site_address(mail.outbox[0].body, "resent confirmation")


@pytest.mark.django_db
def test_site_address_change_renews_cached_pages(client, configured):
    assert f'href="{SITE}/a-propos/"' in client.get("/a-propos/").content.decode()
    apply_site_url("https://autre.example")
    assert 'href="https://autre.example/a-propos/"' in client.get("/a-propos/").content.decode()
