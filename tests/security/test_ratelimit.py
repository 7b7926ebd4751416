"""Rate limits: hashed client address, trusted proxies, and HTTP 429 with a French message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from home import ratelimit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
FRENCH_429 = "Trop de tentatives"


def cache_keys():
    """Every key currently held by the (local-memory) test cache."""
    return [str(key) for key in cache._cache]  # noqa: SLF001


# --- home/ratelimit.py ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, "198.51.100.7"),
        (0, "203.0.113.5", "198.51.100.7"),  # no trusted proxy: a client-sent header is ignored
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "10.9.9.9, 203.0.113.5", "203.0.113.5"),  # the client forged the first entry
        (2, "10.9.9.9, 203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "203.0.113.5", "198.51.100.7"),  # fewer entries than proxies: the peer address
        (1, "", "198.51.100.7"),
        (1, " , ,", "198.51.100.7"),
    ],
)
def test_client_ip_trusts_exactly_the_configured_number_of_proxies(rf, proxies, forwarded_for, expected):
    headers = {"REMOTE_ADDR": "198.51.100.7"}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    request = rf.get("/", **headers)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert ratelimit.client_ip(request) == expected


def test_hashed_client_ip_is_a_keyed_digest_that_reveals_nothing(rf):
    first = rf.get("/", REMOTE_ADDR="203.0.113.5")
    same = rf.get("/", REMOTE_ADDR="203.0.113.5")
    other = rf.get("/", REMOTE_ADDR="203.0.113.6")
    digest = ratelimit.hashed_client_ip(first)
    assert len(digest) == 64
    assert int(digest, 16) >= 0
    assert "203.0.113.5" not in digest
    assert digest == ratelimit.hashed_client_ip(same)
    assert digest != ratelimit.hashed_client_ip(other)
    with override_settings(SECRET_KEY="another-secret-key-for-another-site"):
        assert ratelimit.hashed_client_ip(first) != digest


def test_is_rate_limited_counts_per_client_and_per_group(rf):
    alice = rf.post("/", REMOTE_ADDR="203.0.113.5")
    bob = rf.post("/", REMOTE_ADDR="203.0.113.6")
    assert [ratelimit.is_rate_limited(alice, "sec-test", "3/m") for _ in range(4)] == [False, False, False, True]
    assert ratelimit.is_rate_limited(bob, "sec-test", "3/m") is False
    assert ratelimit.is_rate_limited(alice, "other-group", "3/m") is False


def test_is_rate_limited_without_increment_only_peeks(rf):
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        assert ratelimit.is_rate_limited(request, "sec-peek", "1/m", increment=False) is False
    assert ratelimit.is_rate_limited(request, "sec-peek", "1/m") is False
    assert ratelimit.is_rate_limited(request, "sec-peek", "1/m") is True


def test_rate_limit_never_stores_a_raw_address(rf):
    cache.clear()
    request = rf.post("/", REMOTE_ADDR="203.0.113.77", HTTP_X_FORWARDED_FOR="192.0.2.55")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        ratelimit.is_rate_limited(request, "sec-raw", "5/m")
    keys = cache_keys()
    assert keys
    for key in keys:
        assert "203.0.113.77" not in key
        assert "192.0.2.55" not in key
    for value in cache._cache.values():  # noqa: SLF001
        assert b"192.0.2.55" not in bytes(value)


def test_behind_a_trusted_proxy_clients_are_limited_separately(rf):
    with override_settings(TRUSTED_PROXY_COUNT=1):
        first = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
        second = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
        assert ratelimit.is_rate_limited(first, "sec-proxy", "1/m") is False
        assert ratelimit.is_rate_limited(first, "sec-proxy", "1/m") is True
        assert ratelimit.is_rate_limited(second, "sec-proxy", "1/m") is False


@pytest.mark.django_db
def test_rate_limited_response_is_a_429_in_french_in_the_site_design(client, home_page):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.utils import translation

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override("fr"):
        response = ratelimit.rate_limited_response(request)
    html = response.content.decode()
    assert response.status_code == 429
    assert FRENCH_429 in html
    assert 'class="site-header"' in html


# --- allauth: configuration and wiring ---------------------------------------------------------


def test_account_rate_limits_cover_login_signup_and_password_reset():
    limits = settings.ACCOUNT_RATE_LIMITS
    for action in ("login", "login_failed", "signup", "reset_password", "reset_password_from_key", "confirm_email"):
        assert limits.get(action), action


def test_trusted_proxy_count_is_read_from_the_environment_and_shared_with_allauth():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DJANGO_SETTINGS_MODULE": "webassoc.settings.test", "TRUSTED_PROXY_COUNT": "1"})
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from allauth import app_settings\n"
        "print(settings.TRUSTED_PROXY_COUNT, app_settings.TRUSTED_PROXY_COUNT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "1"]
    assert settings.TRUSTED_PROXY_COUNT == settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0


# --- allauth: HTTP 429 on the account forms ----------------------------------------------------


def _post_until_limited(client, url, data, attempts, **extra):
    statuses = [client.post(url, data, **extra).status_code for _ in range(attempts)]
    return statuses


@pytest.mark.django_db
def test_login_answers_429_in_french_after_too_many_attempts(client, home_page):
    url = reverse("account_login")
    amount = int(settings.ACCOUNT_RATE_LIMITS["login"].split("/")[0])
    statuses = _post_until_limited(
        client, url, {"login": "personne@example.org", "password": "mauvais"}, amount, REMOTE_ADDR="203.0.113.20"
    )
    assert 429 not in statuses
    response = client.post(url, {"login": "personne@example.org", "password": "x"}, REMOTE_ADDR="203.0.113.20")
    assert response.status_code == 429
    assert FRENCH_429 in response.content.decode()
    # Another visitor is not affected.
    other = client.post(url, {"login": "autre@example.org", "password": "x"}, REMOTE_ADDR="203.0.113.21")
    assert other.status_code == 200


@pytest.mark.django_db
def test_repeated_failed_logins_on_one_account_are_refused_with_a_message(client, home_page):
    from tests.factories.accounts import UserFactory

    user = UserFactory(email="cible@example.org")
    url = reverse("account_login")
    for index in range(6):
        response = client.post(
            url, {"login": user.email, "password": "mauvais-mot-de-passe"}, REMOTE_ADDR=f"203.0.113.{30 + index}"
        )
    # Different addresses, so only the per-account limit applies: a form error, the account is not locked out
    # for other visitors by a 429 page.
    assert response.status_code == 200
    assert "Trop de tentatives de connexion échouées" in response.content.decode()


@pytest.mark.django_db
def test_signup_answers_429_in_french_after_too_many_attempts(client, home_page):
    url = reverse("account_signup")
    amount = int(settings.ACCOUNT_RATE_LIMITS["signup"].split("/")[0])
    for index in range(amount):
        response = client.post(
            url, {"email": f"x{index}@", "password1": "a", "password2": "b"}, REMOTE_ADDR="203.0.113.40"
        )
        assert response.status_code != 429
    response = client.post(url, {"email": "y@example.org"}, REMOTE_ADDR="203.0.113.40")
    assert response.status_code == 429
    assert FRENCH_429 in response.content.decode()


@pytest.mark.django_db
def test_password_reset_answers_429_in_french_after_too_many_attempts(client, home_page):
    url = reverse("account_reset_password")
    amount = int(settings.ACCOUNT_RATE_LIMITS["reset_password"].split("/")[0])
    for index in range(amount):
        response = client.post(url, {"email": f"inconnu{index}@example.org"}, REMOTE_ADDR="203.0.113.50")
        assert response.status_code != 429
    response = client.post(url, {"email": "encore@example.org"}, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 429
    assert FRENCH_429 in response.content.decode()


@pytest.mark.django_db
@override_settings(
    TRUSTED_PROXY_COUNT=1,
    ALLAUTH_TRUSTED_PROXY_COUNT=1,
    ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"},
)
def test_behind_one_trusted_proxy_login_limit_uses_the_forwarded_address(client, home_page):
    url = reverse("account_login")
    data = {"login": "personne@example.org", "password": "x"}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 200
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429
    # A forged first entry does not help: the proxy's own entry (the last one) is what counts.
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", **proxy).status_code == 429
    # Another client behind the same proxy is not limited.
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy).status_code == 200


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"})
def test_without_trusted_proxy_a_forged_forwarded_header_does_not_escape_the_limit(client, home_page):
    url = reverse("account_login")
    data = {"login": "personne@example.org", "password": "x"}
    for index in range(2):
        client.post(url, data, REMOTE_ADDR="203.0.113.60", HTTP_X_FORWARDED_FOR=f"192.0.2.{index}")
    response = client.post(url, data, REMOTE_ADDR="203.0.113.60", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_allauth_rate_limit_cache_never_holds_a_raw_address(client, home_page):
    cache.clear()
    client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"}, REMOTE_ADDR="203.0.113.88")
    assert cache_keys()
    assert not [key for key in cache_keys() if "203.0.113.88" in key]


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"})
def test_ipv6_clients_of_one_network_share_the_log_in_limit(client, home_page):
    """Addresses are hashed after being cut to their /64 network, as allauth does: changing the last
    bits of an IPv6 address does not escape the limit, another network is not limited."""
    cache.clear()
    url = reverse("account_login")
    data = {"login": "personne@example.org", "password": "x"}
    for host in (1, 2):
        client.post(url, data, REMOTE_ADDR=f"2001:db8:1:2::{host}")
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:2::99").status_code == 429
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200
