"""Full-page screenshots of every public page type at 360 and 1280 px, from a running server.

Usage:
    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000] [--out screenshots/]
        [--email camille.learner@webassoc.test] [--password …] [--no-javascript] [--only course,lesson]
        [--widths 320,360,1280]

Needs /usr/bin/chromium and a server with the demo content (`make run`). The learner pages (dashboard,
a course with progress, an attestation) are taken logged in as the demo learner; the password defaults to
$DEMO_PASSWORD or the `.demo-password` file that `load_demo` writes. Each file is named
`<page>-<width>.png`; the script also prints any page wider than its viewport (a layout bug).
Look at every image before shipping a design change: tests do not see what a person sees.
"""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
WIDTHS = (360, 1280)

# One page of each type in the demo content. Pages that do not exist (a site without the community
# pages, say) are reported and skipped.
PUBLIC_PAGES = [
    ("home", "/"),
    ("standard", "/a-propos/"),
    ("catalogue", "/formations/"),
    ("catalogue-filtered", "/formations/?level=beginner"),
    ("course", "/formations/collecter-des-dons-en-ligne/"),
    ("lesson", "/formations/collecter-des-dons-en-ligne/choisir-sa-plateforme/"),
    ("quiz", "/formations/collecter-des-dons-en-ligne/quiz-collecte/"),
    ("learning-path", "/formations/communiquer-en-ligne-pas-a-pas/"),
    ("manifesto", "/manifeste/"),
    ("manifesto-wall", "/manifeste/signataires/"),
    ("news-index", "/actualites/"),
    ("news", "/actualites/nouvelle-formation-accessibilite/"),
    ("agenda", "/ateliers/"),
    ("workshop", "/ateliers/atelier-rgpd/"),
    ("volunteers", "/benevoles/"),
    ("help-request", "/demander-un-accompagnement/"),
    ("search", "/recherche/?q=association"),
    ("verify-attestation", "/attestations/verifier/"),
    ("login", "/comptes/login/"),
    ("signup", "/comptes/signup/"),
    ("not-found", "/cette-page-n-existe-pas/"),
]
LEARNER_PAGES = [
    ("dashboard", "/mes-formations/"),
    ("course-in-progress", "/formations/collecter-des-dons-en-ligne/"),
    ("lesson-logged-in", "/formations/collecter-des-dons-en-ligne/ecrire-sa-page-de-collecte/"),
    ("profile", "/comptes/profil/"),
]


def default_password():
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    path = ROOT / ".demo-password"
    return path.read_text().strip() if path.exists() else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--email", default="camille.learner@webassoc.test")
    parser.add_argument("--password", default=default_password())
    parser.add_argument("--no-javascript", action="store_true", help="take the pages as a browser without JavaScript")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)), help="comma-separated viewport widths")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {name for name in args.only.split(",") if name}
    problems = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for width in [int(width) for width in args.widths.split(",")]:
            context = browser.new_context(
                viewport={"width": width, "height": 740 if width < 600 else 900},
                locale="fr-FR",
                base_url=args.base_url,
                java_script_enabled=not args.no_javascript,
            )
            page = context.new_page()

            def shoot(name, path, width=width, page=page):
                if only and name not in only:
                    return
                response = page.goto(path)
                status = response.status if response else 0
                if status >= 500 or (status == 404 and name != "not-found"):
                    problems.append(f"{name}: {path} answered {status}")
                    return
                page.wait_for_load_state("load")
                overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                # Django's own debug 404 page (DEBUG=True) is not the site's: only the site's pages count.
                if overflow > 0 and page.locator(".site-header").count():
                    problems.append(f"{name}: {path} is {overflow} px wider than {width} px")
                file = out / f"{name}-{width}.png"
                page.screenshot(path=str(file), full_page=True)
                print("saved", file)

            for name, path in PUBLIC_PAGES:
                shoot(name, path)
            if args.password:
                page.goto("/comptes/login/")
                page.fill("#id_login", args.email)
                page.fill("#id_password", args.password)
                page.locator("main form button[type=submit]").first.click()
                page.wait_for_load_state("load")
                for name, path in LEARNER_PAGES:
                    shoot(name, path)
                page.goto("/mes-formations/")
                attestation = page.locator("a[href*='/mes-formations/attestations/']:not([href$='/pdf/'])").first
                if attestation.count():
                    shoot("attestation", attestation.get_attribute("href"))
                else:
                    problems.append(f"attestation: {args.email} has none")
            else:
                problems.append("learner pages skipped: no password (--password, $DEMO_PASSWORD or .demo-password)")
            context.close()
        browser.close()
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    return 1 if any("wider" in problem or "answered 5" in problem for problem in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
