"""Wagtail's built-in content checks pass on the demo content, for every page type.

- The accessibility checker of the user bar (axe-core with Wagtail's rules: empty headings, heading
  order, link and button names, alternative text, meta description…) runs on each page a staff member
  opens; its issue count must be 0.
- The checks panel of the page editor runs the same checker on the preview and measures the content:
  the issue count must be 0, and the readability must not be "Complexe".

On failure the issues are printed with their rule, help and elements.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in

# label: (app, model) of the first live page of that type in the demo content
PAGE_TYPES = {
    "home": ("home", "HomePage"),
    "standard page": ("home", "StandardPage"),
    "catalogue": ("courses", "CourseIndexPage"),
    "course": ("courses", "CoursePage"),
    "lesson": ("courses", "LessonPage"),
    "quiz": ("courses", "QuizPage"),
    "manifesto": ("manifesto", "ManifestoPage"),
    "news index": ("news", "NewsIndexPage"),
    "article": ("news", "NewsPage"),
}
STAFF = "redaction@e2e.test"  # a member of "Rédaction": the checks are what editors see

# The checker writes its issue count into the user bar once it has run (a string: 0 would be falsy,
# and wait_for_function waits for a truthy value).
USERBAR_ISSUE_COUNT = """() => {
    const root = document.querySelector("wagtail-userbar")?.shadowRoot;
    const count = root?.querySelector("[data-content-checker-count]")?.textContent.trim();
    return count ? count : null;
}"""


def demo_pages(site):
    """{label: (page id, URL)} of the demo content."""
    lines = "\n".join(
        f"from {app}.models import {model}\n"
        f"page = {model}.objects.live().order_by('path').first()\n"
        f"found[{label!r}] = (page.pk, page.url)"
        for label, (app, model) in PAGE_TYPES.items()
    )
    output = site.shell("import json\nfound = {}\n" + lines + "\nprint(json.dumps(found))")
    return {label: tuple(value) for label, value in json.loads(output.strip().splitlines()[-1]).items()}


class AxeLog:
    """Wagtail logs the checker's violations with console.error("axe.run results", violations)."""

    def __init__(self, page):
        self.messages = []
        page.on("console", self._collect)

    def _collect(self, message):
        if message.type == "error" and message.text.startswith("axe.run results"):
            self.messages.append(message)

    def clear(self):
        self.messages.clear()

    def describe(self):
        lines = []
        for message in self.messages:
            try:
                violations = message.args[1].json_value()
            except Exception:  # noqa: BLE001 - the page may be gone; the text still says something
                lines.append(f"  {message.text}")
                continue
            for violation in violations:
                lines.append(f"  - {violation['id']}: {violation['help']}")
                for node in violation["nodes"][:5]:
                    lines.append(f"      {node['target']}: {node['html'][:200]}")
        return "\n".join(lines) or "  (no details logged)"


@pytest.fixture
def staff_page(new_page):
    """A desktop page logged in as a member of "Rédaction"."""
    page = new_page("desktop")
    log_in(page, STAFF)
    return page


def open_checks_panel(page):
    """Open the editor's checks panel and wait until the checker has written its issue count."""
    page.get_by_role("button", name="Activer/désactiver les vérifications").click()
    panel = page.locator("[data-side-panel='checks']")
    expect(panel.locator("[data-content-checker-count]")).to_have_text(re.compile(r"^\s*\d+\s*$"), timeout=30000)
    return panel


def test_user_bar_accessibility_checker_finds_no_issue_on_any_page_type(staff_page, site):
    pages, page = demo_pages(site), staff_page
    axe_log = AxeLog(page)
    failures = []
    for label, (_pk, url) in pages.items():
        axe_log.clear()
        page.goto(url)
        expect(page.locator("wagtail-userbar")).to_have_count(1)
        count = int(page.wait_for_function(USERBAR_ISSUE_COUNT, timeout=30000).json_value())
        print(f"user bar checker: {label} ({url}): {count} issue(s)")
        if count:
            page.wait_for_timeout(200)
            failures.append(f"{label} ({url}): {count} issue(s)\n{axe_log.describe()}")
    assert not failures, "Wagtail's accessibility checker found issues:\n" + "\n".join(failures)


def test_editor_checks_panel_finds_no_issue_and_readable_content(staff_page, site):
    pages, page = demo_pages(site), staff_page
    axe_log = AxeLog(page)
    failures = []
    for label, (pk, _url) in pages.items():
        axe_log.clear()
        page.goto(f"/admin/pages/{pk}/edit/")
        # The checker and the content metrics finish in either order: wait for both.
        panel = open_checks_panel(page)
        words = panel.locator("[data-content-word-count]")
        expect(words).not_to_have_text("-", timeout=30000)
        count = int(panel.locator("[data-content-checker-count]").text_content().strip())
        readability = panel.locator("[data-content-readability-score]").inner_text()
        reading = panel.locator("[data-content-reading-time]").inner_text()
        print(f"checks panel: {label}: {count} issue(s), {words.inner_text()} words, {reading}, {readability}")
        if count:
            failures.append(f"{label}: {count} issue(s)\n{axe_log.describe()}")
        if readability == "Complexe":
            failures.append(f"{label}: readability “{readability}” (long sentences or words)")
    assert not failures, "The editor's checks panel found problems:\n" + "\n".join(failures)


# Each preview reload in the editor ends with the preview's user bar posting "w-userbar:axe-ready",
# and Wagtail reruns its checks for it. Three announcements in a row, as when an editor types while
# the autosave reloads the preview, then wait until every run Wagtail started has settled.
ANNOUNCE_THREE_PREVIEW_RELOADS = """async () => {
    const element = document.querySelector("[data-controller~='w-preview']");
    const preview = window.wagtail.app.getControllerForElementAndIdentifier(element, "w-preview");
    const errors = [];
    window.addEventListener("unhandledrejection", (event) => errors.push(String(event.reason)));
    let delivered = 0;
    const allDelivered = new Promise((resolve) => {
        window.addEventListener("message", (event) => {
            if (event.data?.wagtail?.type === "w-userbar:axe-ready" && ++delivered === 3) resolve();
        });
    });
    for (let i = 0; i < 3; i++) {
        window.postMessage({ wagtail: { type: "w-userbar:axe-ready" } }, window.location.origin);
    }
    await allDelivered; // Wagtail listened first, so it has seen all three
    for (let i = 0; i < 20 && preview.contentChecksPromise; i++) {
        try {
            await preview.contentChecksPromise;
        } catch (error) {
            errors.push(String(error));
        }
    }
    try {
        // Settles once axe-core is free again (or fails at once if a run is still going).
        await window.axe.run(document, { runOnly: ["document-title"] });
    } catch (error) {
        errors.push(String(error));
    }
    return { errors, stillRunning: Boolean(preview.contentChecksPromise) };
}"""


def test_checks_panel_survives_previews_reloading_while_it_runs(staff_page, site):
    """Wagtail starts every run that waited for the current one at the same moment, and axe-core
    refuses to run twice ("Axe is already running"): every later check failed too, until the editor
    reloaded the page. The editor's runs now take turns."""
    page = staff_page
    page.goto(f"/admin/pages/{demo_pages(site)['lesson'][0]}/edit/")
    checker_count = open_checks_panel(page).locator("[data-content-checker-count]")

    outcome = page.evaluate(ANNOUNCE_THREE_PREVIEW_RELOADS)

    assert outcome == {"errors": [], "stillRunning": False}
    expect(checker_count).to_have_text(re.compile(r"^\s*0\s*$"))
