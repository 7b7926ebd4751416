"""axe-core (WCAG 2.1 A and AA) on every public page type and the account pages, phone and desktop.

Pages that need a logged-in learner or a quiz result are checked inside their journeys too."""

import pytest

from .conftest import check_accessibility, log_in

PUBLIC_PAGES = {
    "home": "/",
    "standard page": "/a-propos/",
    "catalogue": "/formations/",
    "search": "/recherche/?q=association",
    "search without result": "/recherche/?q=zzzzzz",
    "not found": "/cette-page-n-existe-pas/",
    "log in": "/comptes/login/",
    "sign up": "/comptes/signup/",
    "password reset": "/comptes/password/reset/",
    "english home": "/en/",
    "manifesto": "/manifeste/",
    "signatory wall": "/manifeste/signataires/",
    "signatory wall filtered": "/manifeste/signataires/?q=a&page=2",
    "news index": "/actualites/",
    "certificate verification form": "/attestations/verifier/",
    "unknown certificate": "/attestations/verifier/INCONNU123/",
}


def first_link(site, model, app="courses"):
    """The URL of the first live page of ``model`` in the demo content."""
    return site.shell(
        f"from {app}.models import {model}\npage = {model}.objects.live().order_by('path').first()\nprint(page.url)"
    ).strip()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_public_pages_have_no_accessibility_violation(new_page, site, viewport):
    page = new_page(viewport)
    pages = dict(PUBLIC_PAGES)
    pages["course"] = first_link(site, "CoursePage")
    pages["lesson"] = first_link(site, "LessonPage")
    pages["quiz (visitor)"] = first_link(site, "QuizPage")
    pages["news article"] = first_link(site, "NewsPage", app="news")
    for label, path in pages.items():
        response = page.goto(path)
        expected = 404 if label in ("not found", "unknown certificate") else 200
        assert response.status == expected, f"{label}: {path} answered {response.status}"
        check_accessibility(page, f"{label} ({viewport})")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_account_pages_have_no_accessibility_violation(new_page, viewport):
    page = new_page(viewport)
    log_in(page, "redaction@e2e.test")
    for path in [
        "/comptes/profil/",
        "/comptes/password/change/",
        "/comptes/email/",
        "/comptes/supprimer/",
        "/mes-formations/",
    ]:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        check_accessibility(page, f"{path} ({viewport})")
