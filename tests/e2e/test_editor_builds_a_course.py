"""Journey 4: a staff editor builds a course with two lessons and a quiz of three questions (nested
choices) in the Wagtail admin, previews it, publishes it and finds it in the catalogue."""

import re

from playwright.sync_api import expect

from .conftest import PASSWORD

COURSE = "Animer une réunion associative en visio"
QUESTIONS = [
    (
        "single",
        "Combien de temps dure idéalement une réunion en visio ?",
        [("Une heure au plus", True), ("Trois heures", False)],
    ),
    (
        "multiple",
        "Que prépare-t-on avant la réunion ?",
        [("Un ordre du jour", True), ("Le lien envoyé la veille", True), ("Rien", False)],
    ),
    ("true_false", "Il faut couper son micro quand on ne parle pas.", [("Vrai", True), ("Faux", False)]),
]


def admin_log_in(page, email_address):
    page.goto("/admin/login/")
    page.fill("#id_login", email_address)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))


def publish(page):
    page.get_by_role("button", name="Plus d'actions").click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("publiée")


def open_tab(page, name):
    """Open a tab of the page editor ("Contenu", "Promotion", "Réglages")."""
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")


def add_paragraph(page, text):
    page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
    page.get_by_role("option", name="Texte", exact=True).click()
    editor = page.locator(".Draftail-Editor [contenteditable=true]").last
    expect(editor).to_be_editable()
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    # Draftail writes its content into the form's hidden input a moment after the last key stroke.
    expect(page.locator("input[name^='body-'][name$='-value']").last).to_have_value(re.compile(re.escape(text)))


def test_editor_builds_previews_and_publishes_a_course(new_page, site):
    catalogue_id = site.shell("from courses.models import CourseIndexPage\nprint(CourseIndexPage.objects.get().pk)")
    page = new_page("desktop")
    admin_log_in(page, "admin@e2e.test")

    page.goto(f"/admin/pages/add/courses/coursepage/{catalogue_id.strip()}/")
    page.fill("#id_title", COURSE)
    page.fill("#id_summary", "Préparer, animer et conclure une réunion à distance où chacun peut parler.")
    page.select_option("#id_level", "beginner")
    page.fill("#id_objectives", "Préparer un ordre du jour\nDonner la parole à chacun")
    publish(page)
    course_id = site.shell(
        f"from courses.models import CoursePage\nprint(CoursePage.objects.get(title={COURSE!r}).pk)"
    ).strip()

    for number, title in enumerate(["Préparer la réunion", "Animer et conclure"], start=1):
        page.goto(f"/admin/pages/add/courses/lessonpage/{course_id}/")
        page.fill("#id_title", title)
        add_paragraph(page, f"Leçon {number} : les bons réflexes pour une réunion en visio réussie.")
        open_tab(page, "Réglages")
        page.fill("#id_estimated_minutes", "8")
        open_tab(page, "Contenu")
        publish(page)

    page.goto(f"/admin/pages/add/courses/quizpage/{course_id}/")
    page.fill("#id_title", "Quiz : la réunion en visio")
    open_tab(page, "Réglages")
    page.fill("#id_pass_mark", "60")
    open_tab(page, "Contenu")
    add_question = page.locator("#id_questions-ADD")
    for index, (kind, text, choices) in enumerate(QUESTIONS):
        if index > 0:
            add_question.click()
        prefix = f"questions-{index}"
        page.fill(f"#id_{prefix}-text", text)
        page.select_option(f"#id_{prefix}-kind", kind)
        page.fill(f"#id_{prefix}-explanation", "Une bonne pratique partagée par nos formateurs.")
        for choice_index, (choice_text, correct) in enumerate(choices):
            if not page.locator(f"#id_{prefix}-choices-{choice_index}-text").count():
                page.locator(f"#id_{prefix}-choices-ADD").click()
            page.fill(f"#id_{prefix}-choices-{choice_index}-text", choice_text)
            page.locator(f"#id_{prefix}-choices-{choice_index}-is_correct").set_checked(correct)

    # The preview shows the quiz with its questions before anything is published.
    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    preview = page.frame_locator("iframe[title]").first
    expect(preview.get_by_role("heading", level=1)).to_have_text("Quiz : la réunion en visio", timeout=20000)
    for _kind, text, _choices in QUESTIONS:
        expect(preview.locator("body")).to_contain_text(text)
    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    publish(page)

    # A visitor finds the new course in the catalogue, with its three steps.
    visitor = new_page("phone")
    visitor.goto("/formations/")
    visitor.get_by_role("link", name=COURSE).click()
    syllabus = visitor.locator("ol.syllabus > li")
    expect(syllabus).to_have_count(3)
    expect(visitor.locator("main")).to_contain_text("Préparer la réunion")
    expect(visitor.locator("main")).to_contain_text("Quiz : la réunion en visio")


def test_publishing_while_the_autosave_runs_publishes_the_autosaved_page(new_page, site):
    """Wagtail creates a new page as a draft when it autosaves; a "Publier" clicked during that autosave
    waits for it, then publishes the page it created (before the guard: "slug already used" or a 500)."""
    page = new_page("desktop")
    admin_log_in(page, "admin@e2e.test")
    home_id = site.shell("from home.models import HomePage\nprint(HomePage.objects.get().pk)").strip()
    add_url = f"/admin/pages/add/home/standardpage/{home_id}/"

    held_autosaves, form_posts = [], []

    def hold_autosave(route, request):
        if request.method != "POST":
            route.continue_()
        elif "application/json" in (request.headers.get("accept") or ""):
            held_autosaves.append(route)  # answered below, once "Publier" has been clicked
        else:
            form_posts.append(request.url)
            route.continue_()

    page.route(re.compile(r"/admin/pages/(add/home/standardpage/\d+|\d+/edit)/$"), hold_autosave)
    # Wagtail starts watching the form for edits two seconds after it opens.
    page.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; })")
    page.goto(add_url)
    page.wait_for_function("window.watchingEdits === true")
    page.fill("#id_title", "Nos permanences numériques")
    page.fill("#id_intro", "Chaque premier mardi du mois, des bénévoles répondent à vos questions.")
    expect(page.locator("#w-autosave-indicator")).to_have_attribute("data-w-autosave-state-value", "saving")
    for _ in range(100):
        if held_autosaves:
            break
        page.wait_for_timeout(50)
    assert held_autosaves, "the autosave never posted the form"

    page.get_by_role("button", name="Plus d'actions").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_timeout(500)
    assert form_posts == [], "the form was posted while the autosave was still running"

    with page.expect_navigation():
        held_autosaves[0].continue_()
    expect(page.locator(".messages")).to_contain_text("publiée")
    page_id = site.shell(
        "from home.models import StandardPage\n"
        "pages = StandardPage.objects.filter(title='Nos permanences numériques')\n"
        "print(pages.count(), pages.filter(live=True).count(), pages.get().pk)"
    ).split()
    assert page_id[:2] == ["1", "1"]
    assert [url.removeprefix(site.base_url) for url in form_posts] == [f"/admin/pages/{page_id[2]}/edit/"]
