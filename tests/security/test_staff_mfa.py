"""Two-factor authentication for staff (#17): with STAFF_MFA_REQUIRED (production settings), nobody with
admin access reaches an admin page before setting up an authenticator app; once set up, the log-in asks
for its code. Learners are not asked."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings, home_page):
    settings.STAFF_MFA_REQUIRED = True
    with translation.override("fr"):
        yield


@pytest.fixture
def staff(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


def totp_code(secret):
    import time

    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_staff_without_two_factor_are_sent_to_set_it_up_before_any_admin_page(client, staff):
    client.force_login(staff)

    for path in ["/admin/", "/admin/pages/", "/admin/users/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp")


def test_after_logging_in_staff_see_the_set_up_page_in_french(client, staff):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    response = client.get("/admin/", follow=True)
    # allauth asks for the password again before a second factor is set up.
    assert "protégée par la double authentification" in response.content.decode()
    assert response.redirect_chain[0] == (reverse("mfa_activate_totp"), 302)
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Activer l’application d’authentification" in content and 'name="code"' in content
    assert "Authenticator App" not in content


def test_staff_with_an_authenticator_app_reach_the_admin(client, staff):
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200


def test_log_in_of_staff_with_two_factor_asks_for_the_code(client, staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert int(client.session["_auth_user_id"]) == staff.pk
    assert client.get("/admin/").status_code == 200


def test_staff_cannot_remove_their_only_authenticator_app(client, staff):
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)

    client.post(reverse("mfa_deactivate_totp"))

    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_learners_are_not_asked_for_a_second_factor(client):
    learner = UserFactory(email="learner@example.org")
    client.force_login(learner)

    assert client.get(reverse("courses:dashboard")).status_code == 200
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302


def test_not_required_when_the_setting_is_off(client, staff, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200
