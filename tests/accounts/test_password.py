from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD

from .conftest import assert_accessible_page, link_from_email

NEW_PASSWORD = "purple elephant dancing quietly"  # noqa: S105


def test_password_reset_by_emailed_link_lets_the_member_log_in_with_the_new_password(client, user):
    assert_accessible_page(client.get(reverse("account_reset_password")))

    response = client.post(reverse("account_reset_password"), {"email": "camille@example.org"})

    assert response.status_code == 302
    assert_accessible_page(client.get(response.url))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille@example.org"]
    assert "mot de passe" in mail.outbox[0].subject.lower()

    link = link_from_email(mail.outbox[0])
    page = client.get(link, follow=True)  # allauth moves the key into the session, then redirects
    assert_accessible_page(page)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    response = client.post(reverse("account_login"), {"login": "camille@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_password_reset_with_mismatched_passwords_shows_an_error_and_keeps_the_old_password(client, user):
    client.post(reverse("account_reset_password"), {"email": "camille@example.org"})
    page = client.get(link_from_email(mail.outbox[0]), follow=True)
    form_url = page.redirect_chain[-1][0]

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": "something else entirely"})

    assert response.status_code == 200
    assert "Vous devez saisir deux fois le même mot de passe" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_forged_reset_link_is_refused(client, user):
    response = client.get("/comptes/password/reset/key/1-forged-key/", follow=True)

    assert_accessible_page(response)
    assert "Mauvais jeton" in response.content.decode() or "invalide" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_requires_the_current_one(client, user):
    client.force_login(user)
    assert_accessible_page(client.get(reverse("account_change_password")))

    wrong = client.post(
        reverse("account_change_password"),
        {"oldpassword": "not it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    right = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert right.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_email_management_page_renders_in_the_site_layout(client, user):
    client.force_login(user)

    response = client.get(reverse("account_email"))

    assert_accessible_page(response)
    assert "camille@example.org" in response.content.decode()
