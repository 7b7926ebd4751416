"""Journey 5: the manifesto form and a quiz completed with the keyboard only (Tab, Space, Enter), with a
visible focus at every step. Journey 6: with JavaScript disabled, the catalogue filters, the manifesto
form and the quiz still work."""

import re
import time

from playwright.sync_api import expect

from .conftest import FIRST_QUIZ, check_accessibility, log_in, tab_to
from .test_manifesto_journey import fill_signature_form


def test_manifesto_form_with_the_keyboard_only(new_page, site):
    page = new_page("desktop")
    page.goto("/manifeste/")
    page.locator("body").focus()
    tab_to(page, "#id_first_name")
    page.keyboard.type("Mathis")
    tab_to(page, "#id_last_name")
    page.keyboard.type("Lefèvre")
    tab_to(page, "#id_email")
    page.keyboard.type("mathis.lefevre@exemple.org")
    tab_to(page, "#id_profession")
    page.keyboard.press("ArrowDown")
    # The consent closes the required part; the optional details follow it.
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab_to(page, "#id_is_public")
    page.keyboard.press("Space")
    tab_to(page, "#id_organisation")
    page.keyboard.type("Collectif Vélo Solidaire")
    tab_to(page, "#id_city")
    page.keyboard.type("Rennes")
    time.sleep(3.5)
    tab_to(page, "#signer form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    assert site.last_link("mathis.lefevre@exemple.org", "/confirm/")


def test_a_form_error_keeps_what_was_typed_and_is_announced(new_page):
    page = new_page("phone")
    page.goto("/manifeste/")
    fill_signature_form(page, email="pas-une-adresse")
    time.sleep(3.5)
    page.locator("#signer form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("#id_first_name")).to_have_value("Inès")
    expect(page.locator("#id_email")).to_have_value("pas-une-adresse")
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page, "manifesto form with errors")


def test_catalogue_filters_without_javascript(new_page):
    page = new_page("phone", java_script=False)
    page.goto("/formations/")
    total = page.locator(".course-list > li").count()
    page.locator(".filter-panel__toggle").click()  # the panel is folded on phones until opened
    page.locator("#id_level").select_option("beginner")
    page.locator("form.course-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile("level=beginner"))
    assert 0 < page.locator(".course-list > li").count() < total


def test_manifesto_form_without_javascript(new_page, site):
    page = new_page("phone", java_script=False)
    page.goto("/manifeste/")
    fill_signature_form(
        page,
        first_name="Jeanne",
        last_name="Sans-Script",
        email="jeanne.sans-script@exemple.org",
        organisation="Vélo-École du Marais",
    )
    time.sleep(3.5)
    page.locator("#signer form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    page.goto(site.last_link("jeanne.sans-script@exemple.org", "/confirm/"))
    page.get_by_role("button", name="Je confirme ma signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre signature")


def test_quiz_with_the_keyboard_only(new_page, site, learner):
    quiz_url = site.shell(FIRST_QUIZ).strip()
    page = new_page("desktop")
    log_in(page, learner)
    page.goto(quiz_url)
    page.locator("body").focus()
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    while page.locator("form.quiz-question").count():
        tab_to(page, "form.quiz-question input[name=choice]")
        page.keyboard.press("Space")
        expect(page.locator("form.quiz-question input:checked")).to_have_count(1)
        tab_to(
            page,
            "form.quiz-question button[name=action][value=next], form.quiz-question button[name=action][value=review]",
        )
        with page.expect_navigation():
            page.keyboard.press("Enter")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".quiz-result")).to_contain_text("%")
    check_accessibility(page, "quiz result (desktop)")


def test_quiz_without_javascript(new_page, site, learner):
    quiz_url = site.shell(FIRST_QUIZ).strip()
    page = new_page("phone", java_script=False)
    log_in(page, learner)
    page.goto(quiz_url)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    while page.locator("form.quiz-question").count():
        page.locator("form.quiz-question input[name=choice]").first.check()
        with page.expect_navigation():
            page.locator("form.quiz-question button[name=action]").first.click()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".quiz-result")).to_contain_text("%")
