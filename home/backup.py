"""Backups of the database and the media files, and their restoration.

One backup is one timestamped directory (``backups/20250101-120000/`` by default) holding:

- ``database.sqlite3`` (SQLite, copied with the online backup API, consistent while the site runs) or
  ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media.tar.gz``, the whole ``MEDIA_ROOT`` (absent when media live on S3-compatible storage: there,
  bucket versioning and replication are the backup);
- ``manifest.json``: when, what engine, the applied migrations, and a SHA-256 of every file, checked
  before anything is restored.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def backup_root():
    """Where backups go: BACKUP_ROOT (setting or environment variable), else backups/ in the project."""
    return Path(
        getattr(settings, "BACKUP_ROOT", None) or os.environ.get("BACKUP_ROOT") or Path(settings.BASE_DIR) / "backups"
    )


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(connection):
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Unsupported database engine: {vendor}")
    return vendor


def _media_is_local():
    return isinstance(default_storage, FileSystemStorage)


def _pg_env(connection):
    params = connection.settings_dict
    env = os.environ.copy()
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return env


def _pg_args(connection):
    params = connection.settings_dict
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return args


def _pg_tool(name):
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} was not found on PATH (install the PostgreSQL client tools).")
    return path


def _applied_migrations(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        rows = cursor.fetchall()
    latest = {}
    for app, name in rows:
        latest[app] = name
    return latest


def _backup_database(connection, directory):
    engine = _engine(connection)
    if engine == "sqlite":
        target_path = directory / "database.sqlite3"
        if connection.in_atomic_block:
            # SQLite's backup API would wait forever for this connection's own open write transaction.
            raise BackupError("An SQLite backup cannot run inside a transaction.")
        connection.ensure_connection()
        target = sqlite3.connect(target_path)
        try:
            # Online backup: a consistent snapshot, even while the site writes (never a plain file copy).
            connection.connection.backup(target)
        finally:
            target.close()
        return target_path
    target_path = directory / "database.dump"
    command = [
        _pg_tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--file",
        str(target_path),
        *_pg_args(connection),
        connection.settings_dict["NAME"],
    ]
    result = subprocess.run(command, env=_pg_env(connection), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return target_path


def _backup_media(directory):
    if not _media_is_local():
        return None
    media_root = Path(settings.MEDIA_ROOT)
    target_path = directory / "media.tar.gz"
    with tarfile.open(target_path, "w:gz") as archive:
        if media_root.exists():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)
    return target_path


def create_backup(destination=None, using="default"):
    """Write a new backup directory under ``destination`` and return its path."""
    connection = connections[using]
    root = Path(destination or backup_root())
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    directory = root / stamp
    suffix = 1
    while directory.exists():
        suffix += 1
        directory = root / f"{stamp}-{suffix}"
    directory.mkdir(parents=True)
    os.chmod(directory, 0o700)  # personal data inside: readable by the site's user only
    try:
        files = [_backup_database(connection, directory)]
        media = _backup_media(directory)
        if media:
            files.append(media)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "engine": _engine(connection),
            "database": files[0].name,
            "media": media.name if media else None,
            "media_note": None if media else "Media are on object storage: bucket versioning is their backup.",
            "migrations": _applied_migrations(connection),
            "files": {path.name: {"sha256": sha256(path), "size": path.stat().st_size} for path in files},
        }
        (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        for path in files:
            os.chmod(path, 0o600)
    except Exception:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return directory


def read_manifest(directory):
    directory = Path(directory)
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{manifest_path} not found: not a backup directory.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, meta in manifest["files"].items():
        path = directory / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if sha256(path) != meta["sha256"]:
            raise BackupError(f"{name} is corrupted (checksum mismatch).")
    return manifest


def _restore_database(connection, directory, manifest):
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of a {manifest['engine']} database; the site uses {engine}.")
    source_path = directory / manifest["database"]
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(source_path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *_pg_args(connection),
        "--dbname",
        connection.settings_dict["NAME"],
        str(source_path),
    ]
    result = subprocess.run(command, env=_pg_env(connection), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _stage_media(directory, manifest):
    """Extract the media archive next to MEDIA_ROOT; None when the backup holds no media."""
    if not manifest.get("media"):
        return None
    if not _media_is_local():
        raise BackupError("This backup holds media files but the site stores media on object storage.")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    try:
        with tarfile.open(directory / manifest["media"], "r:gz") as archive:
            archive.extractall(staging, filter="data")  # refuses absolute paths, "..", devices, links out
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _swap_media(staging):
    media_root = Path(settings.MEDIA_ROOT)
    try:
        for child in media_root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in staging.iterdir():
            shutil.move(str(child), media_root / child.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore_backup(directory, using="default"):
    """Replace the database and media with the content of the backup ``directory``."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    connection = connections[using]
    if manifest["engine"] != _engine(connection):
        raise BackupError(f"This backup is of a {manifest['engine']} database; the site uses {connection.vendor}.")
    # Media first into a staging folder: a bad archive stops everything before the database is touched.
    staging = _stage_media(directory, manifest)
    try:
        _restore_database(connection, directory, manifest)
    except BaseException:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if staging:
        _swap_media(staging)
    return manifest
