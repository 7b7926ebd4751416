"""Layout on small phones: no page of the site is wider than a 320, 360 or 390 px screen, logged in or
not, with JavaScript on or off; and nothing moves once the page is drawn (cumulative layout shift).

One context per width and JavaScript setting visits one page of every type, so the whole check costs a
few dozen page loads on the suite's shared server and browser."""

import json

import pytest

from .conftest import log_in

WIDTHS = (320, 360, 390)
MAX_CLS = 0.05

# Counts every layout shift from the first paint (buffered), except those right after user input.
CLS_OBSERVER = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }
}).observe({type: "layout-shift", buffered: true});
"""
PAGE_TYPES = """
import json
from courses.models import CoursePage, LessonPage, QuizPage, LearningPathPage
from news.models import NewsPage
from events.models import WorkshopPage
first = lambda model: model.objects.live().order_by("path").first().url
print(json.dumps({
    "course": first(CoursePage), "lesson": first(LessonPage), "quiz": first(QuizPage),
    "learning path": first(LearningPathPage), "news article": first(NewsPage), "workshop": first(WorkshopPage),
}))
"""
PUBLIC_PAGES = {
    "home": "/",
    "standard page": "/a-propos/",
    "catalogue": "/formations/",
    "catalogue filtered": "/formations/?level=beginner",
    "manifesto": "/manifeste/",
    "signatory wall": "/manifeste/signataires/",
    "news index": "/actualites/",
    "agenda": "/ateliers/",
    "search": "/recherche/?q=association",
    "attestation check": "/attestations/verifier/",
    "log in": "/comptes/login/",
    "sign up": "/comptes/signup/",
    "not found": "/cette-page-n-existe-pas/",
}
LEARNER_PAGES = {"my courses": "/mes-formations/", "my account": "/comptes/profil/"}
# The learner has finished the first course: the dashboard lists it and its attestation page exists.
ATTESTATION = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from courses.certificates import issue_certificate
from courses.models import CoursePage, Enrollment
user = get_user_model().objects.get(email={email!r})
course = CoursePage.objects.live().order_by("path").first()
enrollment, _ = Enrollment.objects.get_or_create(user=user, course=course)
enrollment.completed_at = timezone.now()
enrollment.save()
print(issue_certificate(enrollment).code)
"""


@pytest.fixture(scope="module")
def pages(site):
    found = dict(PUBLIC_PAGES)
    found.update(json.loads(site.shell(PAGE_TYPES).strip().splitlines()[-1]))
    return found


def _visit(page, label, path, width, java_script, problems):
    page.goto(path)
    page.wait_for_load_state("load")
    where = f"{label} ({path}) at {width} px, JavaScript {'on' if java_script else 'off'}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{where}: {scroll_width} px wide")
    if java_script:
        page.wait_for_timeout(150)
        shift = page.evaluate("window.__layoutShift")
        if shift >= MAX_CLS:
            problems.append(f"{where}: layout shift {shift:.3f}")


@pytest.mark.parametrize("java_script", [True, False], ids=["javascript", "no-javascript"])
def test_no_page_is_wider_than_a_small_phone_nor_moves_after_the_first_paint(
    browser, site, pages, learner, java_script
):
    code = site.shell(ATTESTATION.format(email=learner)).strip().splitlines()[-1]
    learner_pages = dict(LEARNER_PAGES, attestation=f"/mes-formations/attestations/{code}/")
    problems = []
    for width in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": 740},
            java_script_enabled=java_script,
            locale="fr-FR",
            base_url=site.base_url,
        )
        context.add_init_script(CLS_OBSERVER)
        page = context.new_page()
        for label, path in pages.items():
            _visit(page, label, path, width, java_script, problems)
        if java_script:
            # The menu, opened, still fits.
            page.goto("/")
            page.get_by_role("button", name="Menu").click()
            if page.evaluate("document.documentElement.scrollWidth") > width:
                problems.append(f"home with the menu open at {width} px is too wide")
        log_in(page, learner)
        for label, path in learner_pages.items():
            _visit(page, label, path, width, java_script, problems)
        context.close()
    assert not problems, "\n".join(problems)


def test_the_phone_menu_is_closed_from_the_first_paint_and_the_desktop_header_is_one_row(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR", base_url=site.base_url)
    page = context.new_page()
    # The deferred script never arrives: the stylesheet alone must already draw the menu closed.
    page.route("**/js/site*.js", lambda route: route.abort())
    page.goto("/")
    assert not page.locator("#site-menu").is_visible()
    assert page.get_by_role("button", name="Menu").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 90, f"the desktop header is {header['height']} px high"
    assert page.get_by_role("button", name="Rechercher").is_visible()
    # Every entry fits: nothing is pushed past the right edge (the search button once was, at 1280 px).
    for width in (1280, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"the page is wider than {width} px"
        button = page.get_by_role("button", name="Rechercher").bounding_box()
        assert button["x"] + button["width"] <= width, f"the search button is cut off at {width} px"
    # From 1440 px the search field itself is shown beside the menus.
    assert page.get_by_role("searchbox").first.is_visible()
    context.close()
