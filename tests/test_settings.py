"""Production settings: refuse to start without their variables, and pass ``check --deploy`` cleanly.

Each check runs in a subprocess so that the production module is imported from scratch with a
controlled environment (pytest itself runs under the test settings).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env(tmp_path, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "webassoc.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
            # A production deployment sets the attestations' signing key (README, Configuration).
            "CREDENTIALS_SIGNING_KEY": "xqESPecG-QpCpIaq399tHxQTjrfETljsMuAt3zj4Ilk",
        }
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


IMPORT_SETTINGS = "import django; django.setup()"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set in the environment for production"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set in the environment for production"),
    ],
)
@pytest.mark.parametrize("how", ["unset", "empty"])
def test_production_refuses_to_start_without_required_variable(tmp_path, missing, message, how):
    env = production_env(tmp_path, **{missing: None if how == "unset" else ""})
    result = run_python(IMPORT_SETTINGS, env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_allowed_hosts_of_only_commas_is_refused(tmp_path):
    result = run_python(IMPORT_SETTINGS, production_env(tmp_path, ALLOWED_HOSTS=" , ,"))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_documented_variables(tmp_path):
    code = (
        IMPORT_SETTINGS + "\nfrom django.conf import settings\n"
        "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])"
    )
    result = run_python(code, production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['example.org'] django.db.backends.sqlite3"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_when_the_attestations_signing_key_is_missing(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=production_env(tmp_path, CREDENTIALS_SIGNING_KEY=None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "courses.W001" in result.stdout + result.stderr


def test_production_security_settings_values(tmp_path):
    code = (
        IMPORT_SETTINGS + "\nfrom django.conf import settings as s\n"
        "import json\n"
        "print(json.dumps({\n"
        "  'SESSION_COOKIE_SECURE': s.SESSION_COOKIE_SECURE,\n"
        "  'CSRF_COOKIE_SECURE': s.CSRF_COOKIE_SECURE,\n"
        "  'SESSION_COOKIE_HTTPONLY': s.SESSION_COOKIE_HTTPONLY,\n"
        "  'CSRF_COOKIE_HTTPONLY': s.CSRF_COOKIE_HTTPONLY,\n"
        "  'LANGUAGE_COOKIE_SECURE': s.LANGUAGE_COOKIE_SECURE,\n"
        "  'SECURE_HSTS_SECONDS': s.SECURE_HSTS_SECONDS,\n"
        "  'SECURE_HSTS_INCLUDE_SUBDOMAINS': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,\n"
        "  'SECURE_SSL_REDIRECT': s.SECURE_SSL_REDIRECT,\n"
        "  'SECURE_CONTENT_TYPE_NOSNIFF': s.SECURE_CONTENT_TYPE_NOSNIFF,\n"
        "  'SECURE_REFERRER_POLICY': s.SECURE_REFERRER_POLICY,\n"
        "  'X_FRAME_OPTIONS': s.X_FRAME_OPTIONS,\n"
        "  'DEBUG': s.DEBUG,\n"
        "  'SECRET_KEY_LEN': len(s.SECRET_KEY),\n"
        "}))"
    )
    result = run_python(code, production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["X_FRAME_OPTIONS"] in {"DENY", "SAMEORIGIN"}
    assert values["DEBUG"] is False
    assert values["SECRET_KEY_LEN"] >= 50


def test_base_settings_are_production_safe():
    """base.py alone: DEBUG off, no secret key invented, no host allowed."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}}
    code = "from webassoc.settings import base as s\nprint(s.DEBUG, repr(s.SECRET_KEY), s.ALLOWED_HOSTS)"
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False '' []"
