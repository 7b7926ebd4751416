"""Every page type is served with the security headers, and its HTML works under the strict CSP."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from .conftest import require_page_url, require_reverse

# Production-like transport settings (the test settings keep plain HTTP; requests below are secure=True).
PRODUCTION_LIKE = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


def _wall_url():
    return require_page_url("manifesto.ManifestoPage") + "signataires/"


def _feed_url():
    return require_page_url("news.NewsIndexPage") + "flux/"


PAGE_TYPES = {
    "home": lambda: "/",
    "standard page": lambda: "/a-propos/",
    "English home": lambda: "/en/",
    "search": lambda: "/recherche/?q=association",
    "search, no query": lambda: "/recherche/",
    "404": lambda: "/cette-page-n-existe-pas/",
    "login": lambda: require_reverse("account_login"),
    "sign-up": lambda: require_reverse("account_signup"),
    "password reset": lambda: require_reverse("account_reset_password"),
    "catalogue": lambda: require_page_url("courses.CourseIndexPage"),
    "course": lambda: require_page_url("courses.CoursePage"),
    "lesson": lambda: require_page_url("courses.LessonPage"),
    "quiz": lambda: require_page_url("courses.QuizPage"),
    "manifesto": lambda: require_page_url("manifesto.ManifestoPage"),
    "manifesto wall": _wall_url,
    "news index": lambda: require_page_url("news.NewsIndexPage"),
    "news article": lambda: require_page_url("news.NewsPage"),
}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_csp(response):
    header = response.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    csp = parse_csp(header)
    assert csp["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        sources = csp[directive]
        # Only our own origin, plus a per-response nonce for the rare justified inline case.
        assert all(source == "'self'" or source.startswith("'nonce-") for source in sources), (directive, sources)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] in (["'self'"], ["'none'"])
    assert_no_third_party_origin(csp)
    return csp


# What a CSP source may be on this site: keywords, a per-response nonce, and data: (inline images);
# never a host ("https://player.vimeo.com", "*.example.org", "cdn.example.org") nor a bare scheme.
OWN_SOURCES = re.compile(r"^(?:'self'|'none'|'nonce-[A-Za-z0-9+/=_-]+'|data:)$")


def assert_no_third_party_origin(csp):
    """No directive lets the browser load from, frame or connect to another site."""
    for directive, sources in csp.items():
        for source in sources:
            assert OWN_SOURCES.match(source), f"{directive} names another origin: {source}"


def assert_security_headers(response):
    assert_strict_csp(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)
ASSET_URL = re.compile(
    r"""<(?:script|img|source|audio|video)\b[^>]*\ssrc\s*=\s*["']((?:https?:)?//[^"'/]+)"""
    r"""|<link\b[^>]*rel=["'](?:stylesheet|icon|preload|modulepreload|manifest)["'][^>]*href\s*=\s*["']((?:https?:)?//[^"'/]+)""",
    re.I,
)


def assert_html_works_under_csp(response):
    """What the strict CSP would block in a browser: inline code and styles without the response's nonce."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    nonce = getattr(response.wsgi_request, "_csp_nonce", None) or ""
    for match in INLINE_SCRIPT.finditer(html):
        assert nonce and f'nonce="{nonce}"' in match.group(0), f"inline script blocked by CSP: {match.group(0)}"
    for pattern, what in (
        (STYLE_ATTRIBUTE, "style attribute"),
        (EVENT_HANDLER, "inline event handler"),
        (JAVASCRIPT_URL, "javascript: URL"),
    ):
        found = pattern.search(html)
        assert found is None, f"{what} blocked by CSP: {html[found.start() : found.start() + 160]}"
    for match in STYLE_ELEMENT.finditer(html):
        tag = html[match.start() : html.index(">", match.start()) + 1]
        assert nonce and f'nonce="{nonce}"' in tag, f"<style> element blocked by CSP: {tag}"
    own_host = response.wsgi_request.get_host()
    for match in ASSET_URL.finditer(html):
        origin = match.group(1) or match.group(2)
        assert origin.split("//", 1)[1] == own_host, f"third-party asset: {match.group(0)}"


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_type_is_served_with_security_headers(client, demo_content, page_type):
    url = PAGE_TYPES[page_type]()
    with override_settings(**PRODUCTION_LIKE):
        response = client.get(url, secure=True)
    assert response.status_code in {200, 404}, (url, response.status_code)
    if page_type == "404":
        assert response.status_code == 404
    else:
        assert response.status_code == 200, url
    assert_security_headers(response)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_html_works_under_csp(response)


def test_configured_csp_names_no_third_party_origin(settings):
    """The policy itself, whatever page it is sent with (the admin excepted, see below)."""
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert_no_third_party_origin({name: list(sources) for name, sources in directives.items()})
    assert directives["frame-src"] == ["'self'"]  # Wagtail's preview frames the site itself only


def test_the_third_party_origin_check_can_fail():
    for source in ("https://player.vimeo.com", "*.youtube.com", "cdn.example.org", "https:", "'unsafe-inline'"):
        with pytest.raises(AssertionError):
            assert_no_third_party_origin({"frame-src": ["'self'", source]})


VIDEO_BODY = [
    {
        "type": "video",
        "value": {
            # As the former embed block stored it: the address as a plain string.
            "video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Présenter son association en deux minutes",
            "transcript": "<p>Bonjour, je suis Claire, trésorière d'une épicerie solidaire.</p>",
        },
    },
    {
        "type": "video",
        "value": {"video": "https://videos.example.org/w/4f2c", "title": "Atelier <newsletter>", "transcript": ""},
    },
]


@pytest.mark.django_db
def test_a_page_with_a_video_links_to_it_and_embeds_nothing(client, home_page):
    """The video block is a link to the video's page, with the title and the transcript: no player, no
    request to the video site before the visitor chooses to go there."""
    import json

    from home.models import StandardPage

    page = StandardPage(title="Nos vidéos", slug="nos-videos")
    home_page.add_child(instance=page)
    StandardPage.objects.filter(pk=page.pk).update(body=json.dumps(VIDEO_BODY))  # stored data, not forms
    page.refresh_from_db()
    page.save_revision().publish()
    with override_settings(**PRODUCTION_LIKE):
        response = client.get(page.url, secure=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<iframe" not in html and "<video" not in html and "<object" not in html
    assert re.search(
        r'<a class="block-video__link" href="https://www\.youtube\.com/watch\?v=aqz-KE-bpKQ"[^>]*>.*?'
        "Regarder la vidéo « Présenter son association en deux minutes » sur YouTube"
        r"\s*</span>\s*</a>",
        html,
        re.S,
    ), html[html.find("block-video") - 200 : html.find("block-video") + 1200]
    assert "target=" not in html[html.find("block-video") : html.rfind("block-video")]  # same tab, no surprise
    assert "La vidéo s’ouvre sur YouTube, un autre site qui a ses propres règles de confidentialité." in html
    assert "<summary>Lire la transcription de « Présenter son association en deux minutes »</summary>" in html
    assert "<p>Bonjour, je suis Claire, trésorière d’une épicerie solidaire.</p>" in html
    # Any https video site: named by its host; the title is escaped; no transcript, no empty <details>.
    assert "Regarder la vidéo « Atelier &lt;newsletter&gt; » sur videos.example.org" in html
    assert html.count('class="transcript"') == 1
    assert_security_headers(response)
    assert_html_works_under_csp(response)


@pytest.mark.django_db
def test_news_feed_is_served_with_security_headers(client, demo_content):
    url = _feed_url()
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_pages_of_a_logged_in_editor_work_under_csp(client, demo_content):
    """Wagtail's user bar is only rendered for editors: it must not need inline code either."""
    user = get_user_model().objects.create_superuser(email="editor-csp@example.org", password="unused-pw-123")
    client.force_login(user)
    for url in ["/", "/a-propos/"]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "wagtail-userbar" in html
        assert_security_headers(response)
        assert_html_works_under_csp(response)


@pytest.mark.django_db
def test_admin_is_excluded_from_csp_but_not_framable_by_others(client, demo_content):
    user = get_user_model().objects.create_superuser(email="admin-csp@example.org", password="unused-pw-123")
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_preview_renders_and_may_be_framed_by_the_admin(client, demo_content):
    """Wagtail shows previews in an iframe of the editor: the preview answers SAMEORIGIN, not DENY."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from home.models import StandardPage

    page = StandardPage.objects.get(slug="a-propos")
    user = get_user_model().objects.create_superuser(email="preview@example.org", password="unused-pw-123")
    client.force_login(user)
    post_data = nested_form_data(
        {
            "title": "Titre en cours de relecture",
            "slug": page.slug,
            "body": streamfield([("paragraph", rich_text("<p>Texte de la relecture.</p>"))]),
        }
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.id])
    response = client.post(preview_url, data=post_data)
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Titre en cours de relecture" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The public page itself stays unframable by third parties.
    public = client.get(page.url)
    assert public["X-Frame-Options"] == "DENY"
    assert parse_csp(public["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
