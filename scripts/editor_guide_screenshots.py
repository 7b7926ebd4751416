"""Take the screenshots of the editor's guide (docs/editor-guide.md) from the real admin.

Usage: .venv/bin/python scripts/editor_guide_screenshots.py   (needs /usr/bin/chromium)

Serves the demo content exactly as the browser suite does (tests/e2e), logs in as an administrator and
saves PNG files under docs/editor-guide/. Run it again after changing the admin, and commit the images.
"""

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, serve_demo_site  # noqa: E402

OUT = ROOT / "docs" / "editor-guide"
SHOW_BLOCK_PREVIEW = """(name) => {
    const label = [...document.querySelectorAll(".w-combobox__option-text")].find((e) => e.textContent.trim() === name);
    let row = label;
    while (row && !row.querySelector(".w-combobox__option-preview")) row = row.parentElement;
    row.querySelector(".w-combobox__option-preview").click();
}"""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with serve_demo_site() as site, sync_playwright() as playwright:
        ids = site.shell(
            "from courses.models import CourseIndexPage, CoursePage, QuizPage\n"
            "from news.models import NewsIndexPage\n"
            "quiz = QuizPage.objects.live().order_by('path').first()\n"
            "print(CourseIndexPage.objects.get().pk, CoursePage.objects.live().order_by('path').first().pk,"
            " quiz.pk, NewsIndexPage.objects.get().pk)"
        ).split()
        catalogue, course, quiz, news = ids[-4:]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900}, locale="fr-FR", base_url=site.base_url)

        def shot(name, full_page=False):
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
            print("saved", OUT / f"{name}.png")

        page.goto("/admin/login/")
        page.fill("#id_username", "admin@e2e.test")
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        expect(page).to_have_url(f"{site.base_url}/admin/")
        shot("01-dashboard")

        page.goto(f"/admin/pages/{catalogue}/")
        shot("02-catalogue-pages")
        page.goto(f"/admin/pages/add/courses/coursepage/{catalogue}/")
        page.fill("#id_title", "Animer une réunion associative en visio")
        page.fill("#id_summary", "Préparer, animer et conclure une réunion à distance où chacun peut parler.")
        shot("03-new-course")
        page.goto(f"/admin/pages/add/courses/lessonpage/{course}/")
        page.fill("#id_title", "Préparer la réunion")
        page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
        # The eye button next to a block type shows its preview beside the list.
        page.evaluate(SHOW_BLOCK_PREVIEW, "Encadré")
        page.wait_for_timeout(2000)
        shot("04-lesson-blocks")
        page.keyboard.press("Escape")
        page.goto(f"/admin/pages/{quiz}/edit/")
        page.locator("#id_questions-0-text").scroll_into_view_if_needed()
        page.mouse.wheel(0, -150)
        shot("05-quiz-questions")
        page.get_by_role("tab", name="Réglages").click()
        page.mouse.wheel(0, -2000)
        shot("05b-quiz-settings")
        page.get_by_role("tab", name="Contenu").click()
        page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
        page.wait_for_timeout(1500)
        shot("06-quiz-preview")

        page.goto(f"/admin/pages/add/news/newspage/{news}/")
        page.fill("#id_title", "Atelier « Réseaux sociaux » à Lyon le 12 décembre")
        shot("07-new-article")
        page.get_by_role("button", name="Plus d'actions").click()
        shot("08-publish-menu")

        page.goto("/admin/snippets/manifesto/signature/")
        shot("09-signatures")
        page.locator("button[aria-label='Actions']").first.click()
        expect(page.get_by_role("link", name="Télécharger en CSV")).to_be_visible()
        shot("10-signatures-export")
        page.goto("/admin/reports/formations/")
        shot("11-course-reports")
        browser.close()


if __name__ == "__main__":
    main()
