"""Backups: a backup of a site with content, restored into an emptied database, gives everything back.

Runs on the suite's database engine: SQLite normally, PostgreSQL when DATABASE_URL says so.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from home.backup import BackupError, create_backup, read_manifest, restore_backup

APPS_TO_COMPARE = {
    "home",
    "accounts",
    "courses",
    "manifesto",
    "news",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "auth",
    "account",
}


BASE_DIR = Path(__file__).resolve().parent.parent.parent


def snapshot():
    """Primary keys of every row of every model of the site's apps."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in APPS_TO_COMPARE and not model._meta.proxy:
            state[model._meta.label] = sorted(model._default_manager.values_list("pk", flat=True))
    return state


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def add_learner_records():
    """A member with learner records (from the demo courses) and a manifesto signature when that app has one."""
    from courses.models import LessonPage
    from courses.progress import record_lesson_completion
    from tests.factories.accounts import UserFactory

    user = UserFactory(email="apprenante@example.org")
    for lesson in LessonPage.objects.live().order_by("path")[:2]:
        record_lesson_completion(user, lesson)
    try:
        from tests.factories.manifesto import SignatureFactory
    except ImportError:
        return
    SignatureFactory(email=user.email)


SNAPSHOT = """
import json, django
django.setup()
from django.test import Client
from tests.security.test_backup import snapshot, media_files
home = Client().get("/", HTTP_HOST="localhost")
print(json.dumps({"rows": snapshot(), "media": media_files(), "home": home.status_code}))
"""

SEED = """
import django
django.setup()
from tests.security.test_backup import add_learner_records
add_learner_records()
"""


def scratch_databases(tmp_path):
    """Two scratch database URLs (source and empty target) on the suite's engine, and a cleanup function."""
    url = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}", lambda: None
    import psycopg

    admin = {
        "host": url.get("HOST") or "127.0.0.1",
        "port": url.get("PORT") or 5432,
        "user": url.get("USER") or "postgres",
        "password": url.get("PASSWORD") or None,
        "dbname": "postgres",
    }
    names = [f"webassoc_backup_{os.getpid()}_{kind}" for kind in ("source", "target")]

    def run(sql):
        with psycopg.connect(**admin, autocommit=True) as pg:
            for name in names:
                pg.execute(sql.format(name=name))

    run("DROP DATABASE IF EXISTS {name}")
    run("CREATE DATABASE {name}")
    auth = f"{admin['user']}:{admin['password']}@" if admin["password"] else f"{admin['user']}@"
    urls = [f"postgres://{auth}{admin['host']}:{admin['port']}/{name}" for name in names]
    return urls[0], urls[1], lambda: run("DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def manage(env, *args, code=None):
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.django_db
def test_backup_restored_into_an_empty_database_gives_back_every_page_record_and_file(tmp_path):
    """The real commands, on scratch databases: migrate + demo content + a learner, back up, restore
    into an empty database and media folder, compare every row and file."""
    source_url, target_url, cleanup = scratch_databases(tmp_path)
    base_env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "MEDIA_ROOT"}}
    base_env["DJANGO_SETTINGS_MODULE"] = "webassoc.settings.dev"
    source = {**base_env, "DATABASE_URL": source_url, "MEDIA_ROOT": str(tmp_path / "media-source")}
    target = {**base_env, "DATABASE_URL": target_url, "MEDIA_ROOT": str(tmp_path / "media-target")}
    try:
        manage(source, "migrate", "--noinput", "-v0")
        manage(source, "load_demo", "--no-users")
        manage(source, code=SEED)
        before = json.loads(manage(source, code=SNAPSHOT))
        assert before["rows"]["wagtailcore.Page"], "the demo content has pages"
        assert before["rows"]["accounts.User"], "a member exists"
        assert before["media"], "the demo content has image files"

        manage(source, "backup_site", "--destination", str(tmp_path / "backups"))
        (directory,) = (tmp_path / "backups").iterdir()
        manifest = read_manifest(directory)
        assert manifest["engine"] == connection.vendor
        assert manifest["media"] == "media.tar.gz"
        assert oct(directory.stat().st_mode & 0o777) == "0o700"

        manage(target, "restore_site", str(directory), "--noinput")
        after = json.loads(manage(target, code=SNAPSHOT))
        assert after["rows"] == before["rows"]
        assert after["media"] == before["media"]
        assert after["home"] == 200
    finally:
        cleanup()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_backups_in_the_same_second_get_two_directories(home_page, tmp_path):
    first = create_backup(tmp_path)
    second = create_backup(tmp_path)
    assert first != second
    assert first.parent == second.parent == tmp_path


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_corrupted_backup_and_changes_nothing(home_page, tmp_path):
    directory = create_backup(tmp_path)
    database = directory / read_manifest(directory)["database"]
    database.write_bytes(database.read_bytes()[:-10] + b"corrupted!")
    home_page.title = "Encore là"
    home_page.save()
    with pytest.raises(BackupError, match="corrupted"):
        restore_backup(directory)
    with pytest.raises(CommandError, match="corrupted"):
        call_command("restore_site", str(directory), interactive=False)
    from home.models import HomePage

    assert HomePage.objects.get().title == "Encore là"


def test_restore_refuses_a_directory_without_manifest(tmp_path):
    with pytest.raises(BackupError, match="not a backup directory"):
        read_manifest(tmp_path)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_backup_of_another_engine(home_page, tmp_path):
    directory = create_backup(tmp_path)
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["engine"] = "mysql" if connection.vendor != "mysql" else "sqlite"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="This backup is of a"):
        restore_backup(directory)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_media_archive_escaping_media_root(home_page, tmp_path):
    directory = create_backup(tmp_path)
    archive_path = directory / "media.tar.gz"
    with tarfile.open(archive_path, "w:gz") as archive:
        data = b"pwned"
        info = tarfile.TarInfo("../../outside.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    from home.backup import sha256

    manifest["files"]["media.tar.gz"]["sha256"] = sha256(archive_path)
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(tarfile.OutsideDestinationError):
        restore_backup(directory)
    assert not (Path(settings.MEDIA_ROOT).parent.parent / "outside.txt").exists()
