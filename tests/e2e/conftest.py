"""The browser suite: the real site served by gunicorn on 127.0.0.1 with the demo content, driven by
Playwright in Debian's chromium, with axe-core on every page type.

Not part of ``make test`` (pyproject ignores tests/e2e); ``make e2e`` runs it. On a failing test the
screenshot and HTML of every open page are saved under ``test-artifacts/``.
"""

import contextlib
import email
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from email import policy
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = BASE_DIR / "test-artifacts"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# WCAG 2.1 A and AA rules.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PASSWORD = "un-mot-de-passe-solide-2026"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """The site under test: its address, its mailbox and a way to run management code against it."""

    def __init__(self, base_url, env, mail_dir):
        self.base_url = base_url
        self.env = env
        self.mail_dir = Path(mail_dir)

    def url(self, path):
        return self.base_url + path

    def manage(self, *args, code=None):
        command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
        result = subprocess.run(command, cwd=BASE_DIR, env=self.env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def shell(self, code):
        """Run Django code against the site's database (prints go to the returned string)."""
        return self.manage(code="import django\ndjango.setup()\n" + code)

    def messages(self, to=None):
        """Every e-mail sent so far (oldest first), optionally only those to ``to``."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # The file backend writes several messages per file, separated by a line of dashes.
            for chunk in re.split(r"\n-{79}\n", path.read_text(encoding="utf-8")):
                if not chunk.strip():
                    continue
                message = email.message_from_string(chunk.strip() + "\n", policy=policy.default)
                if to is None or to.lower() in str(message.get("To", "")).lower():
                    found.append(message)
        return found

    def last_link(self, to, contains, timeout=10):
        """The last link containing ``contains`` in the mails sent to ``to`` (waits for the mail)."""
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.messages(to)):
                body = message.get_body(preferencelist=("plain", "html"))
                text = body.get_content() if body else ""
                links = [link for link in re.findall(r"https?://[^\s<>\"]+", text) if contains in link]
                if links:
                    return links[-1]
            if time.monotonic() > deadline:
                subjects = [m["Subject"] for m in self.messages(to)]
                raise AssertionError(f"No mail to {to} with a link containing {contains!r}; mails: {subjects}")
            time.sleep(0.2)


@contextlib.contextmanager
def serve_demo_site(port=None):
    """Migrate a fresh database, load the demo content and serve the site with gunicorn on 127.0.0.1."""
    workdir = Path(tempfile.mkdtemp(prefix="webassoc-e2e-"))
    port = port or int(os.environ.get("E2E_PORT") or _free_port())
    base_url = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.e2e.settings",
        E2E_DATABASE=str(workdir / "site.sqlite3"),
        E2E_MAIL_DIR=str(workdir / "mail"),
        E2E_MEDIA_ROOT=str(workdir / "media"),
        E2E_BASE_URL=base_url,
        PYTHONPATH=str(BASE_DIR),
    )
    (workdir / "mail").mkdir()
    site = Site(base_url, env, workdir / "mail")
    site.manage("migrate", "--noinput", "-v0")
    site.manage("load_demo", "--no-users", "--address", base_url)
    site.shell(EDITOR_ACCOUNTS)
    log = open(workdir / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "webassoc.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base_url + "/robots.txt", timeout=2):  # noqa: S310
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError("The site did not start:\n" + (workdir / "server.log").read_text()) from None
                time.sleep(0.3)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        errors = (workdir / "server.log").read_text()
        if "Traceback" in errors:
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "server.log").write_text(errors)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def site():
    with serve_demo_site() as site:
        yield site


# Accounts the journeys log in with: an editor of the "Rédaction" group and an administrator.
EDITOR_ACCOUNTS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from allauth.account.models import EmailAddress
User = get_user_model()
for email, flags, group in [
    ("admin@e2e.test", {{"is_staff": True, "is_superuser": True}}, None),
    ("redaction@e2e.test", {{"is_staff": True}}, "Rédaction"),
]:
    user, _ = User.objects.get_or_create(email=email, defaults={{"first_name": "Camille", "last_name": "Test", **flags}})
    user.set_password({PASSWORD!r})
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={{"verified": True, "primary": True}})
"""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_open_pages = []


@pytest.fixture
def new_page(browser, site):
    """A factory of pages, each in a fresh context (no cookies): ``new_page("phone", java_script=False)``."""
    contexts = []

    def make(viewport="desktop", java_script=True):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            java_script_enabled=java_script,
            locale="fr-FR",
            base_url=site.base_url,
            accept_downloads=True,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: _page_errors.append(f"{page.url}: {error}"))
        _open_pages.append(page)
        return page

    yield make
    for context in contexts:
        context.close()
    _open_pages.clear()


_page_errors = []


@pytest.fixture(autouse=True)
def _no_javascript_errors():
    _page_errors.clear()
    yield
    assert not _page_errors, "JavaScript errors: " + "; ".join(_page_errors)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", item.nodeid)[-150:]
        for index, page in enumerate(list(_open_pages)):
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}-{index}.png"), full_page=True)
                (ARTIFACTS / f"{name}-{index}.html").write_text(page.content())
            except Exception as error:  # noqa: BLE001 - a closed page must not hide the real failure
                (ARTIFACTS / f"{name}-{index}.txt").write_text(f"{page.url}: {error}")


_axe = Axe()


def check_accessibility(page, label=""):
    """Run axe-core (WCAG 2.1 A + AA) on the page: any violation fails with rule, elements and page."""
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response.get("violations", [])
    if violations:
        lines = [f"axe: {len(violations)} violation(s) on {page.url} {label}".rstrip()]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {node['target']}: {node['html'][:200]}")
        pytest.fail("\n".join(lines))


def log_in(page, email_address, password=PASSWORD):
    page.goto("/comptes/login/")
    page.locator("#id_login").fill(email_address)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/comptes/login/" not in url)


FOCUS_IS_VISIBLE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow && style.boxShadow !== "none";
    return outline || ring;
}"""


def tab_to(page, selector, max_tabs=120):
    """Press Tab until the focused element matches ``selector``, checking that the focus is visible at
    every stop (WCAG 2.4.7)."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        described = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
        assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {described} ({page.url})"
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} was not reached with Tab on {page.url}")


def answer_signup(page, email_address, first_name="Awa", last_name="Traoré", password=PASSWORD):
    """Fill and send the sign-up form."""
    page.goto("/comptes/signup/")
    page.fill("#id_email", email_address)
    for name, value in (("#id_first_name", first_name), ("#id_last_name", last_name)):
        if page.locator(name).count():
            page.fill(name, value)
    page.fill("#id_password1", password)
    if page.locator("#id_password2").count():
        page.fill("#id_password2", password)
    page.locator("main form button[type=submit]").last.click()


@pytest.fixture
def learner(site):
    """A new learner account with a verified e-mail address; returns its e-mail (password: PASSWORD)."""
    learner.count = getattr(learner, "count", 0) + 1
    email_address = f"apprenant{learner.count}-{_free_port()}@exemple.org"
    site.shell(
        "from django.contrib.auth import get_user_model\n"
        "from allauth.account.models import EmailAddress\n"
        f"user = get_user_model().objects.create_user(email={email_address!r}, password={PASSWORD!r},"
        " first_name='Lou', last_name='Martin')\n"
        f"EmailAddress.objects.create(user=user, email={email_address!r}, verified=True, primary=True)\n"
    )
    return email_address


FIRST_QUIZ = "from courses.models import QuizPage\nprint(QuizPage.objects.live().order_by('path').first().url)"
