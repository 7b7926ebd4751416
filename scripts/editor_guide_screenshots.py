"""Take the screenshots of the editor's guide (docs/editor-guide.md) from the real admin.

Usage: .venv/bin/python scripts/editor_guide_screenshots.py   (needs /usr/bin/chromium)

Serves the demo content exactly as the browser suite does (tests/e2e), logs in as the staff role each
part of the guide is for (Formateurs for courses, Rédaction for news, Modération for the dashboard,
signatures and reports), at 1280 px, the width of the association's laptops, and saves PNG files under
docs/editor-guide/. Run it again after changing the admin, and commit the images.
"""

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, log_in, serve_demo_site  # noqa: E402

OUT = ROOT / "docs" / "editor-guide"
WIDTH, HEIGHT = 1280, 800
# One account per staff group, made in the served demo site (the browser suite has Rédaction already).
ROLE_ACCOUNTS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from allauth.account.models import EmailAddress
for email, first_name, group in [
    ("formateurs@e2e.test", "Karim", "Formateurs"),
    ("moderation@e2e.test", "Maud", "Modération"),
]:
    user, _ = get_user_model().objects.get_or_create(
        email=email, defaults={{"first_name": first_name, "last_name": "Démo", "is_staff": True}}
    )
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={{"verified": True, "primary": True}})
"""
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
        site.shell(ROLE_ACCOUNTS)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = None

        def as_role(email):
            nonlocal page
            if page is not None:
                page.context.close()
            context = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT}, locale="fr-FR", base_url=site.base_url
            )
            page = context.new_page()
            log_in(page, email)
            return page

        def shot(name, full_page=False):
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
            print("saved", OUT / f"{name}.png")

        as_role("moderation@e2e.test")
        page.goto("/admin/")
        shot("01-dashboard")
        page.goto("/admin/guide/")
        shot("00-guide-in-admin")

        as_role("formateurs@e2e.test")
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

        as_role("redaction@e2e.test")
        page.goto(f"/admin/pages/add/news/newspage/{news}/")
        page.fill("#id_title", "Atelier « Réseaux sociaux » à Lyon le 12 décembre")
        shot("07-new-article")
        page.get_by_role("button", name="Plus d'actions").click()
        shot("08-publish-menu")

        as_role("moderation@e2e.test")
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
