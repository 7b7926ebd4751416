"""The soak run: ``make soak`` (``python -m tests.bench.soak``), documented in the README, not in CI.

Serves the demo data set with gunicorn (production settings, 2 workers) on loopback and
sends mixed traffic for five minutes (``--seconds``) from several threads: anonymous reads of every
page type, learners who log in and mark lessons done, visitors who sign the manifesto. Every request
goes to 127.0.0.1 only. At the end it prints the counts, the latency percentiles and the workers'
memory, and exits 1 when any request failed (5xx, 4xx other than the expected ones, or no answer) or
when the workers' memory grew by 10% or more between the end of the warm-up and the end of the run.
"""

import argparse
import http.cookiejar
import itertools
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from .run import BASE_DIR, child_env, free_port, reset_database

LEARNERS = 200
PASSWORD = "soak-password-2026"
WARM_UP_SECONDS = 30


class Forms(HTMLParser):
    """The forms of a page: [{"action": …, "method": …, "fields": {name: value}, "checkboxes": [...]}]."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": {},
                    "checkboxes": [],
                    "selects": {},
                }
            )
        elif self.forms and tag in ("input", "textarea") and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind == "checkbox":
                self.forms[-1]["checkboxes"].append((attrs["name"], attrs.get("value") or "on"))
            elif kind not in ("submit", "button"):
                self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif self.forms and tag == "select" and attrs.get("name"):
            self.forms[-1]["selects"][attrs["name"]] = None
            self._select = attrs["name"]
        elif (
            self.forms
            and tag == "option"
            and getattr(self, "_select", None)
            and self.forms[-1]["selects"][self._select] is None
            and attrs.get("value")
        ):
            self.forms[-1]["selects"][self._select] = attrs["value"]


def parse_forms(html):
    parser = Forms()
    parser.feed(html)
    return parser.forms


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = []
        self.counts = {}
        self.errors = []
        self.measuring = False

    def record(self, label, status, seconds, expected):
        with self.lock:
            if not self.measuring:
                return
            self.timings.append(seconds)
            self.counts[label] = self.counts.get(label, 0) + 1
            if status not in expected:
                self.errors.append(f"{label}: HTTP {status}")


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send the site's Secure cookies back over the loopback's plain HTTP (the TLS proxy is pretended)."""

    def return_ok_secure(self, cookie, request):
        return True


class Visitor:
    """One browser: a cookie jar, a fake client address (the app trusts one proxy), timed requests."""

    addresses = itertools.count(1)

    def __init__(self, base, stats):
        self.base = base
        self.stats = stats
        jar = http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        number = next(self.addresses)
        self.address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"

    def request(self, label, path, data=None, expected=(200,)):
        url = urllib.parse.urljoin(self.base, path)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        # Production settings: the site believes it is behind an HTTPS proxy, as it would be.
        headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "https"}
        if body is not None:
            headers["Referer"] = "https" + url[len("http") :]
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                html, status = response.read().decode("utf-8", "replace"), response.status
        except urllib.error.HTTPError as error:
            html, status = error.read().decode("utf-8", "replace"), error.code
        except OSError as error:
            html, status = "", f"no answer ({error})"
        self.stats.record(label, status, time.perf_counter() - start, expected)
        return html


def anonymous_reader(base, stats, urls, stop):
    visitor = Visitor(base, stats)
    while not stop.is_set():
        label, path = random.choice(urls)  # noqa: S311
        visitor.request(label, path, expected=(200, 404) if label == "not found" else (200,))


def learner(base, stats, accounts, lessons, stop):
    """Learners one after the other: log in, go through every lesson in order and mark it done (a write
    each), at a pace of about two lessons a second, then the next account."""
    while not stop.is_set():
        try:
            email = accounts.pop()
        except IndexError:
            return
        visitor = Visitor(base, stats)
        forms = parse_forms(visitor.request("login page", "/comptes/login/"))
        form = next(f for f in forms if "login" in f["action"] or "login" in f["fields"])
        visitor.request("log in", "/comptes/login/", {**form["fields"], "login": email, "password": PASSWORD})
        for path in lessons:
            if stop.is_set():
                return
            html = visitor.request("lesson (learner)", path)
            done = [
                f
                for f in parse_forms(html)
                if f["method"] == "post" and f["action"].endswith("/terminer/") and "csrfmiddlewaretoken" in f["fields"]
            ]
            if done:
                visitor.request("mark lesson done", done[0]["action"], done[0]["fields"])
            stop.wait(0.5)
        visitor.request("my courses", "/mes-formations/")


def signer(base, stats, manifesto, stop, counter):
    while not stop.is_set():
        visitor = Visitor(base, stats)
        html = visitor.request("manifesto", manifesto)
        forms = [f for f in parse_forms(html) if f["method"] == "post" and any("mail" in n for n in f["fields"])]
        if not forms:
            return
        form = forms[0]
        number = next(counter)
        data = dict(form["fields"])
        for name in data:
            if not data[name] and name not in ("website", "url", "homepage") and "honeypot" not in name:
                data[name] = f"Soak {number}"
        for name in data:
            if "mail" in name:
                data[name] = f"soak{number}@example.org"
        data.update({name: value for name, value in form["selects"].items() if value})
        data.update({name: value for name, value in form["checkboxes"] if "consent" in name or "privacy" in name})
        stop.wait(3.5)  # the form refuses answers typed faster than a person can
        visitor.request("sign the manifesto", form["action"] or manifesto, data, expected=(200,))


def site_urls(env):
    """{page type: [urls]} for every live page of the demo data set, found in the soak database."""
    code = """
import django, json
django.setup()
from wagtail.models import Page
urls = {}
for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
    urls.setdefault(type(page).__name__, []).append(page.url)
print(json.dumps(urls))
"""
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True
    ).stdout
    import json

    return json.loads(output.strip().splitlines()[-1])


def worker_memory(master_pid):
    """Total resident memory (KiB) of the gunicorn workers."""
    total = 0
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--readers", type=int, default=6)
    args = parser.parse_args()

    scale = "soak"
    reset_database(scale)
    env = child_env(
        scale,
        settings="webassoc.settings.production",
        SECRET_KEY="soak-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        TRUSTED_PROXY_COUNT="1",
        STATIC_ROOT=str(BASE_DIR / "bench" / "staticfiles"),
        LOG_LEVEL="ERROR",
        EMAIL_URL="dummy:",
        MEDIA_ROOT=str(BASE_DIR / "bench" / "soak-media"),
    )
    manage = [sys.executable, "manage.py"]
    print("== preparing the soak database (demo content)", flush=True)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--no-users"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(manage + command, cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)
    learners = [f"soak-learner-{n}@example.org" for n in range(LEARNERS)]
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"""
import django
django.setup()
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
hashed = make_password({PASSWORD!r})
for email in {learners!r}:
    user, _ = get_user_model().objects.get_or_create(email=email, defaults={{"first_name": "Soak"}})
    user.password = hashed; user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={{"verified": True, "primary": True}})
""",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    pages = site_urls(env)
    urls = [(name, url) for name, page_urls in pages.items() for url in page_urls[:10]]
    urls += [("search", "/recherche/?q=association"), ("not found", "/nulle-part/"), ("robots", "/robots.txt")]
    lessons = pages.get("LessonPage") or ["/"]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "webassoc.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "error",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    stats, stop = Stats(), threading.Event()
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1).close()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        threads = [
            threading.Thread(target=anonymous_reader, args=(base, stats, urls, stop)) for _ in range(args.readers)
        ]
        accounts = list(learners)
        threads += [threading.Thread(target=learner, args=(base, stats, accounts, lessons, stop)) for _ in range(3)]
        if "ManifestoPage" in pages:
            counter = itertools.count(1)
            threads += [
                threading.Thread(target=signer, args=(base, stats, pages["ManifestoPage"][0], stop, counter))
                for _ in range(2)
            ]
        for thread in threads:
            thread.start()
        warm_up = min(WARM_UP_SECONDS, args.seconds // 5)
        print(f"== warm-up {warm_up}s, then {args.seconds}s of mixed traffic ({len(threads)} clients)", flush=True)
        time.sleep(warm_up)
        memory_start = worker_memory(server.pid)
        stats.measuring = True
        time.sleep(args.seconds)
        stats.measuring = False
        memory_end = worker_memory(server.pid)
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=20)

    timings = sorted(stats.timings) or [0]
    growth = (memory_end - memory_start) / memory_start * 100
    print(f"requests: {len(stats.timings)}  errors: {len(stats.errors)}")
    for label, count in sorted(stats.counts.items()):
        print(f"  {label:24} {count}")
    print(
        f"latency ms: median {statistics.median(timings) * 1000:.1f}  "
        f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.1f}  max {timings[-1] * 1000:.1f}"
    )
    print(f"workers' memory: {memory_start // 1024} MiB -> {memory_end // 1024} MiB ({growth:+.1f}%)")
    for error in stats.errors[:20]:
        print("  error:", error)
    ok = not stats.errors and growth < 10
    print("SOAK PASS" if ok else "SOAK FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
