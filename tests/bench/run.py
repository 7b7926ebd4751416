"""The performance benchmark: ``make bench`` (``python -m tests.bench.run``).

1. Builds two data sets, each in its own database: small (the demo content) and large (the issue's
   sizes, in bulk; see tests/bench/build.py). SQLite files bench/small.sqlite3 and bench/large.sqlite3
   by default; with DATABASE_URL=postgres://…/name, the databases name_bench_small / name_bench_large.
2. For each page type and each scale, in-process with Django's test client: SQL
   queries per request, median and 95th percentile of the server time over --requests requests after a
   warm-up, response size; plus the page weight (HTML + CSS + JS).
3. Serves the large data set with gunicorn (production settings, 2 workers) and, when ``wrk`` is
   installed, measures requests per second for a few pages and a static file, directly (what a member
   gets) and, when ``varnishd`` is installed, through Varnish with deploy/varnish/default.vcl (what an
   anonymous visitor gets, against the static file through the same Varnish).
4. Prints a table, writes bench/results.json, and prints PASS/FAIL for each target of the issue. It
   reports; it never fails (exit status 0) unless the benchmark itself breaks.

Options: --requests N (default 30), --skip-build (reuse the databases), --skip-http, --only small|large.
"""

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.proxy.varnish import start_varnishd, varnishd_available

BASE_DIR = Path(__file__).resolve().parents[2]
BENCH_DIR = BASE_DIR / "bench"
RESULTS = BENCH_DIR / "results.json"
PUBLIC_LIMIT, MEMBER_LIMIT = 12, 20
WEIGHT_LIMIT = 60 * 1024
HTTP_PAGES = ["home", "catalogue", "lesson", "manifesto", "article"]


# --- databases ------------------------------------------------------------------------------------


def database_url(scale):
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(base)
        name = parts.path.lstrip("/") or "webassoc"
        return urlunsplit(parts._replace(path=f"/{name}_bench_{scale}"))
    return f"sqlite:///{BENCH_DIR / f'{scale}.sqlite3'}"


def media_root(scale):
    """Uploaded images of a data set: kept beside its database so renditions can be made when measuring."""
    return BENCH_DIR / f"media-{scale}"


def reset_database(scale):
    shutil.rmtree(media_root(scale), ignore_errors=True)
    url = database_url(scale)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def child_env(scale, settings="webassoc.settings.test", **extra):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": database_url(scale),
            "MEDIA_ROOT": str(media_root(scale)),
            "WEBASSOC_TEST_MEDIA_ROOT": str(media_root(scale)),
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    env.update(extra)
    return env


def run_child(scale, phase, *args, settings="webassoc.settings.test"):
    command = [sys.executable, "-m", "tests.bench.run", "--phase", phase, "--scale", scale, *args]
    return subprocess.run(command, cwd=BASE_DIR, env=child_env(scale, settings), check=True)


# --- in-process measurement (runs in a child process with Django set up) -------------------------


def discover_pages():
    """(name, url, who) for every page type present in the database; who is anon, learner or staff."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from home.models import HomePage, StandardPage

    from .build import BENCH_LEARNER_EMAIL, BENCH_STAFF_EMAIL, quiz_attempts_in_demo

    pages = [("home", HomePage.objects.live().first().url, "anon")]
    standard = StandardPage.objects.live().order_by("path").first()
    if standard:
        pages.append(("standard page", standard.url, "anon"))
    pages.append(("search", "/recherche/?q=association", "anon"))

    def first_live(model_path, order="path"):
        app, name = model_path.split(".")
        try:
            module = __import__(f"{app}.models", fromlist=[name])
            model = getattr(module, name)
        except (ImportError, AttributeError):
            return None
        return model.objects.live().order_by(order).first()

    catalogue = first_live("courses.CourseIndexPage")
    if catalogue:
        pages.append(("catalogue", catalogue.url, "anon"))
        theme = None
        try:
            from courses.models import Theme

            theme = Theme.objects.order_by("name").first()
        except ImportError:
            pass
        if theme:
            pages.append(("catalogue filtered", f"{catalogue.url}?theme={theme.slug}&level=beginner", "anon"))
    learner = get_user_model().objects.filter(email=BENCH_LEARNER_EMAIL).first()
    course = None
    if learner is not None:
        try:
            from courses.models import Enrollment

            enrollment = (
                Enrollment.objects.filter(user=learner).select_related("course").order_by("course__path").first()
            )
            course = enrollment.course if enrollment else None
        except ImportError:
            pass
    course = course or first_live("courses.CoursePage")
    if course:
        pages.append(("course", course.url, "anon"))
        pages.append(("course (learner)", course.url, "learner"))
        from courses.models import LessonPage, QuizPage

        lesson = Page.objects.child_of(course).live().type(LessonPage).order_by("path").first()
        if lesson:
            pages.append(("lesson", lesson.url, "anon"))
            pages.append(("lesson (learner)", lesson.url, "learner"))
        quiz = Page.objects.child_of(course).live().type(QuizPage).first()
        if quiz:
            pages.append(("quiz", quiz.url, "learner"))
        attempts = quiz_attempts_in_demo(learner) if learner is not None else None
        if attempts is not None:
            from courses.quiz_views import question_url, result_url

            demo_quiz, submitted, current = attempts
            if current is not None:
                pages.append(("quiz question", question_url(demo_quiz, current, 1), "learner"))
            pages.append(("quiz result", result_url(demo_quiz, submitted), "learner"))
    pages.append(("dashboard", "/mes-formations/", "learner"))
    manifesto = first_live("manifesto.ManifestoPage")
    if manifesto:
        pages.append(("manifesto", manifesto.url, "anon"))
        pages.append(("wall", f"{manifesto.url}signataires/", "anon"))
        pages.append(("wall last page", f"{manifesto.url}signataires/?page=999999", "anon"))
    news_index = first_live("news.NewsIndexPage")
    if news_index:
        pages.append(("news index", news_index.url, "anon"))
        pages.append(("news index last page", f"{news_index.url}?page=999999", "anon"))
        pages.append(("feed", f"{news_index.url}flux/", "anon"))
        article = first_live("news.NewsPage")  # the demo's first article, at both scales
        if article:
            pages.append(("article", article.url, "anon"))
    from django.urls import NoReverseMatch, reverse

    with contextlib.suppress(NoReverseMatch):
        pages.append(("staff report", reverse("courses_reports:courses"), "staff"))
    return pages, learner, get_user_model().objects.filter(email=BENCH_STAFF_EMAIL).first()


def static_weight(html):
    """Bytes of the CSS and JS files a page links to (served by the static files finders)."""
    import re

    from django.contrib.staticfiles import finders

    total = 0
    for href in re.findall(r'(?:href|src)="/static/([^"?#]+\.(?:css|js))"', html):
        path = finders.find(href)
        if path:
            total += Path(path).stat().st_size
    return total


def measure_in_process(scale, requests):
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    pages, learner, staff = discover_pages()
    clients = {"anon": Client(raise_request_exception=False)}
    if learner:
        clients["learner"] = Client(raise_request_exception=False)
        clients["learner"].force_login(learner)
    if staff:
        clients["staff"] = Client(raise_request_exception=False)
        clients["staff"].force_login(staff)
    results = {}
    for name, url, who in pages:
        client = clients.get(who)
        if client is None or name in results:
            continue
        response = client.get(url)
        if response.status_code != 200:
            if name != "staff report":
                print(f"  {name}: {url} answered {response.status_code}, skipped", flush=True)
            continue
        for _ in range(3):
            client.get(url)
        # request_started empties the query log: start from an empty one so the count is exact.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        query_count = len(context)  # now: the next request empties the log the context reads from
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        content = response.content
        html = content.decode("utf-8", "replace")
        results[name] = {
            "url": url,
            "who": who,
            "queries": query_count,
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(sorted(timings)[max(0, int(len(timings) * 0.95) - 1)], 2),
            "bytes": len(content),
            "weight": len(content) + (static_weight(html) if "html" in response.get("Content-Type", "") else 0),
        }
        print(
            f"  {scale:5} {name:22} {results[name]['queries']:3} q  {results[name]['median_ms']:7.1f} ms",
            flush=True,
        )
    return results


# --- HTTP throughput with gunicorn and wrk ------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk_rps(url, seconds=10, connections=16):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=False
    ).stdout
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return round(float(line.split()[1]), 1)
    return None


def wait_for_port(port):
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)


def warm_up(base, urls, rounds=20):
    """A few requests per address before measuring, so that both workers have compiled the templates
    and filled their caches (as after a few seconds of real traffic)."""
    from urllib.request import urlopen

    for _ in range(rounds):
        for url in urls:
            with contextlib.suppress(OSError), urlopen(base + url, timeout=10) as response:  # noqa: S310
                response.read()


def measure_http(urls):
    """{page name: {"rps": …, "rps_cached": …}} plus "static" for the ceiling."""
    if shutil.which("wrk") is None:
        print("wrk is not installed: throughput not measured (apt-get install wrk)")
        return {}
    static_root = BENCH_DIR / "staticfiles"
    env = child_env(
        "large",
        settings="webassoc.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="ERROR",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True
    )
    # The database was built with the test settings (local-memory cache): the production settings'
    # database cache needs its table.
    subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=BASE_DIR, env=env, check=True)
    css = next(static_root.glob("css/site.*.css"), None)
    static_url = f"/static/css/{css.name}" if css else "/static/css/site.css"
    results = {}
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
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
    varnish = None
    workdir = Path(tempfile.mkdtemp(prefix="webassoc-bench-varnish-"))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_port(port)
        warm_up(base, [*urls.values(), static_url])
        # Without a proxy: what a member gets (nothing shared; the shared fragments and data are on).
        for name, url in urls.items():
            rps = wrk_rps(base + url)
            results.setdefault(name, {})["rps"] = rps
            print(f"  http {name:12} uncached {rps} req/s", flush=True)
        results["static file"] = {"rps": wrk_rps(base + static_url)}
        print(f"  http static file          {results['static file']['rps']} req/s", flush=True)
        # Through Varnish with the repository's VCL: what an anonymous visitor gets, against one static
        # file through the same Varnish (the ceiling).
        if not varnishd_available():
            print("varnishd is not installed: throughput through the proxy not measured (apt-get install varnish)")
            return results
        proxy_port = free_port()
        varnish = start_varnishd(workdir, port, proxy_port, subprocess.DEVNULL)
        proxy = f"http://127.0.0.1:{proxy_port}"
        wait_for_port(proxy_port)
        warm_up(proxy, [*urls.values(), static_url], rounds=3)
        for name, url in urls.items():
            rps = wrk_rps(proxy + url)
            results[name]["rps_cached"] = rps
            print(f"  http {name:12} varnish  {rps} req/s", flush=True)
        results["static file"]["rps_cached"] = wrk_rps(proxy + static_url)
        print(f"  http static file varnish  {results['static file']['rps_cached']} req/s", flush=True)
    finally:
        for process in (varnish, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)
    return results


# --- report ---------------------------------------------------------------------------------------


def merge(small, large, http):
    rows = []
    for name in dict.fromkeys([*large, *small]):
        s, big = small.get(name, {}), large.get(name, {})
        row = {
            "page": name,
            "who": (big or s).get("who"),
            "queries_small": s.get("queries"),
            "queries_large": big.get("queries"),
            "median_ms_small": s.get("median_ms"),
            "median_ms_large": big.get("median_ms"),
            "p95_ms_large": big.get("p95_ms"),
            "bytes": (big or s).get("bytes"),
            "weight": (big or s).get("weight"),
        }
        row.update(http.get(name, {}))
        rows.append(row)
    if "static file" in http:
        rows.append({"page": "static file", **http["static file"]})
    return rows


def check_targets(rows):
    checks = []
    by_name = {row["page"]: row for row in rows}
    for row in rows:
        if row["page"] == "static file":
            continue
        limit = PUBLIC_LIMIT if row.get("who") == "anon" else MEMBER_LIMIT
        qs, ql = row.get("queries_small"), row.get("queries_large")
        if ql is not None:
            checks.append((f"{row['page']}: at most {limit} queries", ql <= limit and (qs is None or qs <= limit)))
        if qs is not None and ql is not None:
            checks.append((f"{row['page']}: same query count at both scales ({qs} / {ql})", qs == ql))
        ms, ml = row.get("median_ms_small"), row.get("median_ms_large")
        if ms and ml:
            checks.append((f"{row['page']}: large median <= 1.5x small ({ml} / {ms} ms)", ml <= 1.5 * ms))
        if row.get("weight"):
            checks.append(
                (f"{row['page']}: HTML+CSS+JS under 60 KB ({row['weight'] // 1024} KB)", row["weight"] < WEIGHT_LIMIT)
            )
    for last, first in (("wall last page", "wall"), ("news index last page", "news index")):
        if last in by_name and first in by_name and by_name[first].get("median_ms_large"):
            checks.append(
                (
                    f"{last} no slower than the first page",
                    by_name[last]["median_ms_large"] <= by_name[first]["median_ms_large"] * 1.1,
                )
            )
    targets = {"home": 100, "catalogue": 100, "lesson": 150, "article": 150}
    for name, target in targets.items():
        rps = by_name.get(name, {}).get("rps")
        if rps is not None:
            checks.append((f"{name}: uncached >= {target} req/s ({rps})", rps >= target))
    # Through Varnish, against one static file through the same Varnish.
    ceiling = by_name.get("static file", {}).get("rps_cached")
    if ceiling:
        for name in HTTP_PAGES:
            cached = by_name.get(name, {}).get("rps_cached")
            if cached is not None:
                checks.append(
                    (f"{name}: through Varnish >= half the static file ({cached} / {ceiling})", cached >= ceiling / 2)
                )
    return checks


def print_table(rows):
    header = f"| {'page':22} | q small | q large | median small ms | median large ms | p95 large ms | KB | req/s | req/s cached |"
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:

        def cell(key, row=row):
            value = row.get(key)
            return "" if value is None else str(value)

        size = row.get("bytes")
        line = (
            f"| {row['page']:22} | {cell('queries_small')} | {cell('queries_large')} | {cell('median_ms_small')} | "
            f"{cell('median_ms_large')} | {cell('p95_ms_large')} | {'' if size is None else round(size / 1024, 1)} | "
            f"{cell('rps')} | {cell('rps_cached')} |"
        )
        print(line)
        lines.append(line)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase", choices=["all", "build", "measure"], default="all")
    parser.add_argument("--scale", choices=["small", "large"])
    parser.add_argument("--only", choices=["small", "large"])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()
    BENCH_DIR.mkdir(exist_ok=True)

    if args.phase == "build":
        import django

        django.setup()
        from .build import build

        build(args.scale)
        return
    if args.phase == "measure":
        results = measure_in_process(args.scale, args.requests)
        (BENCH_DIR / f".measure-{args.scale}.json").write_text(json.dumps(results))
        return

    scales = [args.only] if args.only else ["small", "large"]
    measured = {}
    for scale in scales:
        if not args.skip_build:
            print(f"== building the {scale} data set ({database_url(scale)})", flush=True)
            started = time.monotonic()
            reset_database(scale)
            run_child(scale, "build")
            print(f"== {scale} data set built in {time.monotonic() - started:.0f} s", flush=True)
        print(f"== measuring {scale} in-process ({args.requests} requests per page)", flush=True)
        run_child(scale, "measure", "--requests", str(args.requests))
        measured[scale] = json.loads((BENCH_DIR / f".measure-{scale}.json").read_text())
    http = {}
    if not args.skip_http and "large" in measured:
        print("== throughput: gunicorn, production settings, 2 workers, large data set", flush=True)
        http = measure_http({name: measured["large"][name]["url"] for name in HTTP_PAGES if name in measured["large"]})
    rows = merge(measured.get("small", {}), measured.get("large", {}), http)
    table = print_table(rows)
    RESULTS.write_text(json.dumps({"generated_at": time.strftime("%Y-%m-%d %H:%M"), "pages": rows}, indent=2) + "\n")
    (BENCH_DIR / "results.md").write_text(table + "\n")
    print()
    for label, ok in check_targets(rows):
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    print(f"\nResults written to {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
