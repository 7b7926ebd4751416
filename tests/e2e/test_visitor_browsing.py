"""Journey 1: a visitor browses home -> catalogue (filters) -> a course -> a lesson -> the next lesson."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import check_accessibility


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_visitor_browses_from_home_to_the_next_lesson(new_page, viewport):
    page = new_page(viewport)
    page.goto("/")
    expect(page).to_have_title(re.compile("Webassoc"))
    check_accessibility(page, f"home ({viewport})")

    if viewport == "phone":
        # On a phone the menu is behind its toggle button.
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Formations").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile("/formations/$"))
    total = page.locator(".course-list > li").count()
    assert total >= 4
    check_accessibility(page, f"catalogue ({viewport})")

    if viewport == "phone":
        # On a phone the filters are behind "Filtrer"; on a desktop they are always shown.
        page.get_by_text("Filtrer", exact=True).click()
    else:
        expect(page.get_by_text("Filtrer", exact=True)).to_be_hidden()
    page.get_by_label("Niveau").select_option("beginner")
    page.get_by_role("button", name="Afficher les formations").click()
    expect(page).to_have_url(re.compile(r"level=beginner"))
    filtered = page.locator(".course-list > li")
    assert 0 < filtered.count() < total
    check_accessibility(page, f"catalogue filtered ({viewport})")

    filtered.first.get_by_role("link").first.click()
    course_title = page.get_by_role("heading", level=1).inner_text()
    check_accessibility(page, f"course ({viewport})")
    page.get_by_role("link", name=re.compile(r"^Encore \d+ étapes?\s:")).first.click()  # the next-step button

    first_lesson = page.get_by_role("heading", level=1).inner_text()
    assert first_lesson != course_title
    expect(page.get_by_role("navigation", name="Étapes de la formation")).to_be_visible()
    check_accessibility(page, f"lesson ({viewport})")

    page.get_by_role("link", name=re.compile("Étape suivante")).click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text(first_lesson)
    expect(page.get_by_role("link", name=re.compile("Étape précédente"))).to_be_visible()
