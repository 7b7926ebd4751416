"""Settings shared by every environment.

This module is production-safe on its own: DEBUG is off, no secret has a default, and every
deployment-specific value is read from the environment. ``dev.py`` and ``test.py`` loosen it;
``production.py`` makes the required variables mandatory.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty, stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps. ``home`` is shared; the feature apps only depend on it.
    "home",
    "accounts",
    "courses",
    "manifesto",
    "news",
    "events",
    "community",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work (e-mails): the database backend is used in production.
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # What an HTTP cache in front may keep (home/http_cache.py): before Session and Csrf, so that it
    # sees the cookies they set.
    "home.http_cache.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail Site and site settings from the cache (home/cache.py).
    "home.cache.SiteDataCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff without two-factor authentication are sent to set it up before any admin page (accounts/mfa.py).
    "accounts.mfa.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # An admin page write that lost a race (slug taken in between) is answered again with its form
    # errors instead of a 500 (home/admin_races.py).
    "home.admin_races.AdminRaceRetryMiddleware",
    # Form data that is not UTF-8 or is cut short: a 400 before any view reads it (home/formdata.py).
    # Last, so that the 400 page gets the security headers of the middleware above.
    "home.formdata.FormDataCheckMiddleware",
]

ROOT_URLCONF = "webassoc.urls"
WSGI_APPLICATION = "webassoc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database: SQLite by default, anything dj-database-url understands via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer work side by side; a busy timeout instead of
    # "database is locked" errors under concurrent writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (docs/caching.md): Django's database cache by default, shared by every worker of a machine
# (its table is made by `manage.py createcachetable`); Redis, shared by several machines, via REDIS_URL.
# Both degrade: a cache that is down serves pages uncached and logs a warning (webassoc/cache_backends.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "webassoc.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "webassoc"),
            # A Redis that does not answer costs a page at most this long per cache call, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "webassoc.cache_backends.DatabaseCache",
            "LOCATION": "webassoc_cache",
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "webassoc"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }
# Rate limits (django-ratelimit) count in the default cache; when it is down, forms keep working
# without their limit rather than refusing everyone.
RATELIMIT_FAIL_OPEN = True

# --- HTTP cache (docs/caching.md): whole pages for anonymous visitors are kept by a reverse proxy
# (Varnish, deploy/varnish/), told by Cache-Control (home/http_cache.py). A shareable page may be kept
# this long (s-maxage); a publish or any other change visitors see purges it at once, and counters or
# lists that change without a publish (signatures, seats left) are at most this old. 0: nothing shared.
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 60)
HTTP_CACHE_EXCLUDED_PATHS = ["/admin/", "/comptes/", "/en/comptes/", "/documents/"]
# Purges and bans sent by wagtail.contrib.frontend_cache to the proxy, when its address is set
# (FRONTEND_CACHE_URL, or VARNISH_URL): http://127.0.0.1:6081 for Debian's varnish.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL") or os.environ.get("VARNISH_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "home.http_cache.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL},
    }
# Parts of pages that are the same for every visitor (page bodies, lists, the home page's sections) are
# kept rendered in the cache until the next publish (home_tags.shared_fragment); logged-in members
# benefit too. 0 turns it off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)

# --- Users and accounts (django-allauth; e-mail is the login).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Twelve characters at least (ANSSI's and CNIL's advice for a password alone): a short sentence.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Pages an editor makes private ("members only") send visitors to the site's own log-in page, not Wagtail's.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# One door for every log-in: the admin sends staff to the same allauth log-in (verified e-mail, rate
# limits, lock-out, two-factor); /admin/login/ and /admin/password_reset/ redirect there (webassoc/urls.py).
# Passwords and e-mail addresses are changed on the account pages, where allauth verifies a new address.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
# One password field with a "show password" button (site.js) rather than typing it twice.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
# The sign-up form adds first name, last name, association and role to allauth's fields.
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# The site's public address (https://example.org). `manage.py set_site_url` writes it into the default
# Wagtail Site record, which every absolute link uses (home/site_url.py); settings only derive from it.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
# allauth builds its links from the request; accounts/adapter.py moves them to the Site record's address.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if SITE_URL.startswith("http://") else "https"
# Rate limits answered with HTTP 429 (allauth keys them on the client address).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "3/m/key",
    "change_password": "10/m/user",
}
# Two-factor authentication (allauth's MFA): an authenticator app (TOTP) and single-use recovery codes.
# Required before any admin page for every user with admin access (accounts/mfa.py); optional for
# learners. dev.py and test.py turn the requirement off for the development accounts.
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Webassoc"
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Internationalisation: French first, English available under /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media files.
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible object storage for media when a bucket is configured (django-storages).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_S3_FILE_OVERWRITE = False
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# --- E-mail: EMAIL_URL (smtp://user:password@host:587/?tls=True) or Django's SMTP defaults.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Webassoc <ne-pas-repondre@webassoc.example>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Background tasks (django-tasks). Immediate by default; production can set
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and run ``manage.py db_worker``.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Security headers (tightened further in production.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this with SAMEORIGIN themselves.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + env_list("CSP_IMG_SRC"),
        "media-src": ["'self'"] + env_list("CSP_IMG_SRC"),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # No third-party player: the video block links to the video's page instead of embedding it.
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

# --- Wagtail
# Staff read the site's French guide (Help menu, docs/editor-guide.md), not Wagtail's English release banner.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Page addresses in plain ASCII ("education-populaire", not "éducation-populaire"): they survive every
# e-mail client, spreadsheet and printed flyer.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_SITE_NAME = "Webassoc"
# Staff avatars are the default picture or one they upload: no hash of their address sent to Gravatar
# (the content security policy would block its images anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Links in Wagtail's own notification e-mails (moderation, comments).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A damaged image file gets a message in the admin instead of a server error (home/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# --- Request limits. Beyond them Django answers 400 (templates/400.html) before any view runs.
# Form data read into memory, files excluded: a public form sends a few kilobytes; 2.5 MiB (Django's
# default, stated here) leaves room for a long page in the Wagtail editor. Images and documents are
# streamed to disk and limited by WAGTAILIMAGES_/WAGTAILDOCS_MAX_UPLOAD_SIZE above.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Fields per request (the query string's included): a public form has about fifteen, but the Wagtail
# editor posts every block and inline panel of a page (a quiz with its questions and answers runs to a
# few thousand fields), so the limit is 10,000 rather than Django's 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 100

# --- Verifiable attestations (courses/credentials.py): the Ed25519 key that signs the Open Badges
# credentials (base64url of its 32-byte seed; `manage.py credentials_key --new` makes one), and the
# public keys of previous keys, still published so that credentials signed with them verify.
CREDENTIALS_SIGNING_KEY = os.environ.get("CREDENTIALS_SIGNING_KEY", "")
CREDENTIALS_PREVIOUS_PUBLIC_KEYS = env_list("CREDENTIALS_PREVIOUS_PUBLIC_KEYS")
# Development and tests only: a file where a generated key is kept when CREDENTIALS_SIGNING_KEY is empty.
CREDENTIALS_KEY_FILE = ""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
