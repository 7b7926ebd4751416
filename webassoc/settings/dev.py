"""Local development: debug on, e-mails printed to the console, no HTTPS."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Template and code changes show at once in development (no proxy in front of runserver anyway).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)
# A signing key of this checkout's own for the verifiable attestations (git-ignored).
CREDENTIALS_KEY_FILE = os.environ.get("CREDENTIALS_KEY_FILE", str(BASE_DIR / ".credentials-key"))  # noqa: F405
# The demo accounts log in to the admin without two-factor; STAFF_MFA_REQUIRED=1 to try it.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
