"""One door for every log-in (#17, finding 1): the Wagtail admin's log-in and password reset are the
site's allauth pages, with their rules (verified e-mail, rate limits, lock-out); personal data is matched
to an account only through its verified addresses."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
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


def test_posting_a_password_to_the_admin_login_never_logs_in(client, staff):
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


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
