"""Journey 3: a visitor signs the manifesto, confirms through the e-mailed link, sees the count rise
and their name on the wall, then withdraws through the e-mailed link and disappears from both."""

import re
import time

from playwright.sync_api import expect

from .conftest import check_accessibility

EMAIL = "ines.morel@exemple.org"


def count(page):
    # The page cache serves visitors a count up to a minute old (other journeys sign too): an address
    # of its own reads the exact count.
    page.goto(f"/manifeste/?lecture={time.monotonic_ns()}")
    text = page.locator(".manifesto-counter__text strong").first.inner_text()
    return int(re.sub(r"\D", "", text))


def fill_signature_form(page, first_name="Inès", last_name="Morel", email=EMAIL, organisation="Atelier Morel"):
    page.fill("#id_first_name", first_name)
    page.fill("#id_last_name", last_name)
    page.fill("#id_email", email)
    page.select_option("#id_profession", index=1)
    page.fill("#id_organisation", organisation)
    page.fill("#id_city", "Nantes")
    page.check("#id_is_public")
    page.check("#id_consent")


def test_visitor_signs_confirms_appears_then_withdraws(new_page, site):
    page = new_page("phone")
    before = count(page)
    check_accessibility(page, "manifesto (phone)")

    fill_signature_form(page)
    time.sleep(3.5)  # a person takes a few seconds to fill the form; faster answers are refused as spam
    page.locator("#signer form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    check_accessibility(page, "check your mailbox")
    # Not confirmed yet: neither counted nor shown.
    assert count(page) == before

    page.goto(site.last_link(EMAIL, "/confirm/"))
    check_accessibility(page, "confirm the signature")
    page.get_by_role("button", name="Je confirme ma signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre signature")
    check_accessibility(page, "signature confirmed")
    assert count(page) == before + 1

    page.goto("/manifeste/signataires/")
    check_accessibility(page, "wall (phone)")
    expect(page.locator("main")).to_contain_text("Inès Morel")
    page.get_by_label("Rechercher un nom ou une organisation").fill("Atelier Morel")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".signature-list > li")).to_have_count(1)

    page.goto(site.last_link(EMAIL, "/retrait/"))
    check_accessibility(page, "withdraw")
    page.get_by_role("button", name="Retirer ma signature").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert count(page) == before
    page.goto("/manifeste/signataires/?q=Morel")
    expect(page.locator("main")).not_to_contain_text("Inès Morel")
