"""Settings of the site served to the browser suite: the test settings, with a real database file,
e-mails written to files that the tests read, and media served (see ``SERVE_MEDIA``)."""

import os

from webassoc.settings.test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["E2E_DATABASE"],
        # As in base.py: WAL, and write transactions that take the lock at once (no upgrade deadlock
        # between gunicorn's threads).
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["E2E_MAIL_DIR"]
MEDIA_ROOT = os.environ["E2E_MEDIA_ROOT"]
SERVE_MEDIA = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WAGTAILADMIN_BASE_URL = os.environ.get("E2E_BASE_URL", "http://127.0.0.1:8765")
# One browser plays many visitors from the same address: the limits are tested in tests/security.
RATELIMIT_ENABLE = False
ACCOUNT_RATE_LIMITS = False
# The caches are on, as in production: shared fragments purged by the editor's publishing, and the
# anonymous forms of shareable pages without a CSRF token (docs/caching.md).
FRAGMENT_CACHE_SECONDS = 300
