"""One door for every log-in (#17, finding 1): the Wagtail admin's log-in and password reset are the
site's allauth pages, with their rules (verified e-mail, rate limits, lock-out); personal data is matched
to an account only through its verified addresses."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.manifesto import ManifestoPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french(home_page):
    with translation.override("fr"):
        yield


@pytest.fixture
def staff(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


def test_admin_login_page_is_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"


def test_admin_asks_anonymous_visitors_to_log_in_on_the_sites_page(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=/admin/")


def test_admin_login_is_locked_like_the_site_after_failed_passwords(client, staff):
    for _ in range(5):
        client.post("/admin/login/", {"username": staff.email, "password": "wrong"})
        client.post(reverse("account_login"), {"login": staff.email, "password": "wrong"})

    response = client.post(reverse("account_login") + "?next=/admin/", {"login": staff.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion échouées" in response.content.decode()


def test_unverified_account_gets_no_admin_session(client):
    user = UserFactory(email="victim@example.org", verified=False, is_staff=True, is_superuser=True)

    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    client.post(reverse("account_login") + "?next=/admin/", {"login": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def _sixty_wrong_passwords(client, url, field, email):
    return [client.post(url, {field: email, "password": f"faux-{n}"}).status_code for n in range(60)]


def test_sixty_wrong_passwords_at_the_admin_hit_the_same_limit_as_the_sites_login(staff):
    from django.core.cache import cache

    # The audit's probe: Wagtail's form fields ("username") posted 60 times to /admin/login/.
    admin_door = Client()
    at_the_admin = _sixty_wrong_passwords(admin_door, "/admin/login/", "username", staff.email)
    right = admin_door.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    # The right password is refused at the site's page too, from another address: the admin's failures
    # locked the account itself.
    still_locked = Client(REMOTE_ADDR="192.0.2.7").post(
        reverse("account_login"), {"login": staff.email, "password": PASSWORD}
    )

    assert "_auth_user_id" not in admin_door.session
    assert right.status_code == 429
    assert "_auth_user_id" not in still_locked.wsgi_request.session
    assert "Trop de tentatives de connexion échouées" in still_locked.content.decode()

    cache.clear()  # the same 60 tries at the site's own log-in, with fresh counters
    at_the_site = _sixty_wrong_passwords(Client(), reverse("account_login"), "login", staff.email)

    assert at_the_admin == at_the_site
    # 30 posts a minute per client (ACCOUNT_RATE_LIMITS["login"]), then 429 for the rest of the minute.
    assert at_the_admin == [200] * 30 + [429] * 30


def test_the_right_password_at_the_admin_login_goes_through_the_sites_rules(client, staff):
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert str(client.session["_auth_user_id"]) == str(staff.pk)


def test_an_unverified_account_posting_to_the_admin_login_gets_the_verification_mail_not_a_session(client):
    user = UserFactory(email="nouvelle@example.org", verified=False, is_staff=True, is_superuser=True)

    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD}, follow=True)

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert [message.to for message in mail.outbox] == [[user.email]]


@pytest.mark.parametrize("path", ["/_util/login/", "/en/_util/login/"])
def test_wagtails_front_end_login_is_the_sites_login(client, path):
    response = client.get(path + "?next=/formations/")

    assert response.status_code == 302
    assert response["Location"].endswith("/login/?next=%2Fformations%2F")
    assert "/comptes/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/_util/login/", "/en/_util/login/"])
def test_wagtails_front_end_login_never_logs_an_unverified_account_in(client, path):
    # Before: Django's LoginView, which knows neither verification nor limits, logged this account in.
    user = UserFactory(email="victim@example.org", verified=False, is_staff=True, is_superuser=True)

    client.post(path, {"username": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admins_log_out_button_is_the_sites_log_out(client, staff):
    client.force_login(staff)

    response = client.post("/admin/logout/", follow=True)

    assert "_auth_user_id" not in client.session
    assert "Vous êtes déconnecté(e)." in response.content.decode()


def _every_url_pattern(patterns=None, prefix=""):
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _every_url_pattern(pattern.url_patterns, route)
        else:
            yield route, pattern.callback


def test_no_address_of_the_site_answers_with_djangos_own_login_or_reset_forms():
    """The same class of fault anywhere: every Django log-in or password-reset view that an installed
    app routes (Wagtail's admin and front end) is shadowed by the site's, so none of them can answer."""
    from django.contrib.auth import views as auth_views
    from django.urls import resolve

    forms = (auth_views.LoginView, auth_views.PasswordResetView, auth_views.PasswordResetConfirmView)
    shadowed = []
    for route, callback in _every_url_pattern():
        view_class = getattr(callback, "view_class", None)
        if view_class is None or not issubclass(view_class, forms):
            continue
        path = "/" + route.lstrip("^").replace("$", "")
        if "<" in path or "(" in path:
            path = path.split("<")[0].split("(")[0]
        match = resolve(path) if path.endswith("/") else None
        answered_by = getattr(match.func, "view_class", None) if match else None
        assert answered_by is None or not issubclass(answered_by, forms), f"{path} answers with {view_class}"
        shadowed.append(path)

    assert "/admin/login/" in shadowed and "/_util/login/" in shadowed


@pytest.mark.parametrize("path", ["/admin/password_reset/", "/admin/password_reset/done/"])
def test_admin_password_reset_is_the_sites_reset(client, staff, path):
    response = client.post(path, {"email": staff.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")
    assert mail.outbox == []


def test_admin_password_reset_sends_no_more_than_the_sites_limit(client, staff):
    for _ in range(8):
        client.post(client.post("/admin/password_reset/")["Location"], {"email": staff.email})

    assert len(mail.outbox) == 5  # ACCOUNT_RATE_LIMITS["reset_password"]: 5 per hour per address


def test_admin_account_page_cannot_change_the_email_without_verification(client, staff):
    client.force_login(staff)

    response = client.get(reverse("wagtailadmin_account"))

    assert response.status_code == 200
    assert 'name="name_email-email"' not in response.content.decode()
    assert 'name="password-new_password1"' not in response.content.decode()


@pytest.fixture
def victims_signature(home_page):
    page = ManifestoPageFactory(parent=home_page)
    return SignatureFactory(manifesto=page, email="victim@example.org", is_public=False, newsletter=True)


def test_unverified_address_does_not_export_the_signature_of_its_owner(client, victims_signature):
    intruder = UserFactory(email="victim@example.org", verified=False)
    client.force_login(intruder)  # even with a session obtained some other way

    data = json.loads(client.get(reverse("account_export")).content)

    assert data["manifesto"] == []


def test_unverified_address_does_not_delete_the_signature_of_its_owner(client, victims_signature):
    intruder = UserFactory(email="victim@example.org", verified=False)
    client.force_login(intruder)

    client.post(reverse("account_delete"), {"password": PASSWORD})

    assert victims_signature.__class__.objects.filter(pk=victims_signature.pk).exists()


def test_verified_address_exports_the_members_own_signature(client, victims_signature):
    owner = UserFactory(email="victim@example.org")
    assert EmailAddress.objects.get(user=owner).verified
    client.force_login(owner)

    data = json.loads(client.get(reverse("account_export")).content)

    assert [row["email"] for row in data["manifesto"]] == ["victim@example.org"]
