"""Test settings: fast hashing, in-memory e-mail and cache, immediate tasks."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A throw-away media directory per process; the benchmark names one per data set instead, so that the
# images its build step uploads are still there when it measures (and renditions get created once).
MEDIA_ROOT = os.environ.get("WEBASSOC_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="webassoc-test-media-")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Shared fragments are off too, so query counts measure the real work; tests/home/test_fragments.py
# turns them on.
FRAGMENT_CACHE_SECONDS = 0
# The verifiable attestations' signing key in tests (derived from a public phrase: test-only).
CREDENTIALS_SIGNING_KEY = "xqESPecG-QpCpIaq399tHxQTjrfETljsMuAt3zj4Ilk"  # noqa: S105
# Off for the suite; tests/security/test_staff_mfa.py turns it on.
STAFF_MFA_REQUIRED = False
