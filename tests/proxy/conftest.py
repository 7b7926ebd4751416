"""The site behind Varnish, as deployed: gunicorn (production settings, two workers) and varnishd with
deploy/varnish/default.vcl, on the ports PROXY_APP_PORT (8181) and PROXY_PORT (8189).

Not part of ``make test`` (pyproject ignores tests/proxy); ``make proxy-test`` runs it, and CI installs
Debian's varnish first when it is missing. An "editor" process, with the same settings and database,
publishes and saves as the admin would: its purges reach Varnish through wagtail.contrib.frontend_cache.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.proxy.varnish import VARNISHD, start_varnishd, varnishd_available

BASE_DIR = Path(__file__).resolve().parents[2]
APP_PORT = int(os.environ.get("PROXY_APP_PORT", "8181"))
PROXY_PORT = int(os.environ.get("PROXY_PORT", "8189"))
HOST = f"127.0.0.1:{PROXY_PORT}"
MEMBER_NAME = "Philomène"


def wait_for(condition, timeout, message):
    """``condition()``'s first true value, tried again and again until ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} (after {timeout} s)")
        time.sleep(0.02)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def cache(self):
        return self.header("X-Cache")

    def __repr__(self):
        return f"<{self.status} X-Cache={self.cache} Age={self.header('Age')} {self.header('Cache-Control')}>"


def request(method, path, cookies=None, port=PROXY_PORT, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    all_headers = {"Host": HOST, **(headers or {})}
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        headers = {}
        for name, value in response.getheaders():
            headers[name.lower()] = f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
        return Response(response.status, headers, response.read())
    finally:
        connection.close()


def get(path, cookies=None, **kwargs):
    return request("GET", path, cookies=cookies, **kwargs)


class Editor:
    """A Django process on the site's database that runs code as an editor's actions would."""

    def __init__(self, env, log):
        loop = (
            "import json, sys, traceback\n"
            "import django\n"
            "django.setup()\n"
            "namespace = {}\n"
            "for line in sys.stdin:\n"
            "    try:\n"
            "        exec(json.loads(line), namespace)\n"
            "        print('__DONE__', flush=True)\n"
            "    except Exception:\n"
            "        print(traceback.format_exc().replace(chr(10), ' | '), flush=True)\n"
            "        print('__FAILED__', flush=True)\n"
        )
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", loop],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )

    def run(self, code):
        self.process.stdin.write(json.dumps(code) + "\n")
        self.process.stdin.flush()
        output = []
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if line == "__DONE__":
                return "\n".join(output)
            if line == "__FAILED__":
                raise AssertionError("The editor's code failed:\n" + "\n".join(output))
            output.append(line)
        raise AssertionError("The editor process stopped")

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


SITE_CONTENT = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageViewRestriction, Site
from home.models import HomePage, OrganisationSettings, StandardPage
from manifesto.models import ManifestoPage

root = Page.get_first_root_node()
for page in root.get_children():
    page.delete()
home = HomePage(title="Accueil", slug="accueil", hero_title="Le web au service des associations")
root.add_child(instance=home)
home.save_revision().publish()
Site.objects.all().delete()
site = Site.objects.create(hostname="127.0.0.1", port={PROXY_PORT}, root_page=home, is_default_site=True,
                           site_name="Webassoc")
OrganisationSettings.objects.update_or_create(site=site, defaults={{"name": "Webassoc"}})
for slug, title in [("a-propos", "À propos"), ("mentions-legales", "Mentions légales"), ("espace", "Espace")]:
    page = StandardPage(title=title, slug=slug, intro="Une association de bénévoles.")
    home.add_child(instance=page)
    page.save_revision().publish()
PageViewRestriction.objects.create(page=StandardPage.objects.get(slug="espace"),
                                   restriction_type=PageViewRestriction.LOGIN)
draft = StandardPage(title="Brouillon secret", slug="brouillon", intro="Pas encore.", live=False)
home.add_child(instance=draft)
draft.save_revision()
manifesto = ManifestoPage(title="Manifeste", slug="manifeste", intro="Signez.", signature_goal=1000)
home.add_child(instance=manifesto)
manifesto.save_revision().publish()
User = get_user_model()
User.objects.create_user(email="membre@proxy.test", password="un-mot-de-passe-solide-2026",
                         first_name={MEMBER_NAME!r}, last_name="Testeur")
"""

MEMBER_SESSION = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from importlib import import_module
user = get_user_model().objects.get(email="membre@proxy.test")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print(store.session_key)
"""


class Proxy:
    def __init__(self, editor, workdir):
        self.editor = editor
        self.workdir = workdir

    def ban(self):
        """Empty Varnish, as a publish would."""
        response = request("BAN", "/")
        assert response.status == 200, response

    def member_session(self):
        return self.editor.run(MEMBER_SESSION).strip().splitlines()[-1]


def _wait_for_port(port, process, log_path, what):
    def answers():
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped:\n" + Path(log_path).read_text())
        try:
            return get("/robots.txt", port=port).status == 200
        except OSError:
            return False

    wait_for(answers, 90, f"{what} did not answer on port {port}")


@contextlib.contextmanager
def serve_behind_varnish():
    if not varnishd_available():
        pytest.fail(f"{VARNISHD} is missing: apt-get install varnish")
    workdir = Path(tempfile.mkdtemp(prefix="webassoc-proxy-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="webassoc.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=os.environ.get("PROXY_DATABASE_URL", f"sqlite:///{workdir / 'site.sqlite3'}"),
        FRONTEND_CACHE_URL=f"http://127.0.0.1:{PROXY_PORT}",
        TRUSTED_PROXY_COUNT="1",
        # Long enough that only purges can explain a change seen through the proxy.
        HTTP_CACHE_SECONDS="600",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_URL="dummy:",
        CREDENTIALS_SIGNING_KEY="xqESPecG-QpCpIaq399tHxQTjrfETljsMuAt3zj4Ilk",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(BASE_DIR),
    )
    if os.environ.get("PROXY_REDIS_URL"):
        env["REDIS_URL"] = os.environ["PROXY_REDIS_URL"]
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        result = subprocess.run(manage + command, cwd=BASE_DIR, env=env, capture_output=True, text=True)  # noqa: S603
        assert result.returncode == 0, result.stdout + result.stderr
    app_log_path = workdir / "gunicorn.log"
    varnish_log_path = workdir / "varnishd.log"
    app_log = open(app_log_path, "w")  # noqa: SIM115
    varnish_log = open(varnish_log_path, "w")  # noqa: SIM115
    editor = Editor(env, app_log)
    editor.run(SITE_CONTENT)
    app = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "webassoc.wsgi:application", "--bind", f"127.0.0.1:{APP_PORT}"]
        + ["--workers", "2", "--access-logfile", "-"],
        cwd=BASE_DIR,
        env=env,
        stdout=app_log,
        stderr=subprocess.STDOUT,
    )
    varnish = start_varnishd(workdir, APP_PORT, PROXY_PORT, varnish_log)
    try:
        _wait_for_port(APP_PORT, app, app_log_path, "gunicorn")
        _wait_for_port(PROXY_PORT, varnish, varnish_log_path, "varnishd")
        yield Proxy(editor, workdir)
    finally:
        editor.close()
        for process in (varnish, app):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        app_log.close()
        varnish_log.close()
        if "Traceback" in app_log_path.read_text():
            artifacts = BASE_DIR / "test-artifacts"
            artifacts.mkdir(exist_ok=True)
            shutil.copy(app_log_path, artifacts / "proxy-gunicorn.log")
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def proxy():
    with serve_behind_varnish() as proxy:
        yield proxy


@pytest.fixture
def fresh(proxy):
    """Varnish emptied before the test."""
    proxy.ban()
    return proxy
