from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD

from .conftest import assert_accessible_page


def test_login_page_is_in_french_with_labelled_fields(client):
    response = client.get(reverse("account_login"))

    parser = assert_accessible_page(response)
    content = response.content.decode()
    assert "Mot de passe" in content
    assert {"id_login", "id_password"} <= parser.labels_for
    assert 'autocomplete="current-password"' in content


def test_log_in_with_the_right_password_logs_in(client, user):
    response = client.post(reverse("account_login"), {"login": "camille@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_log_in_with_a_wrong_password_shows_a_clear_error_and_changes_nothing(client, user):
    response = client.post(reverse("account_login"), {"login": "camille@example.org", "password": "wrong password"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in content
    assert 'role="alert"' in content
    assert 'value="camille@example.org"' in content
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.last_login is None
    assert user.check_password(PASSWORD)


def test_after_five_failed_logins_even_the_right_password_is_refused_for_a_while(client, user):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "camille@example.org", "password": "wrong password"})

    response = client.post(reverse("account_login"), {"login": "camille@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_login_requests_get_the_site_429_page(client):
    responses = [
        client.post(reverse("account_login"), {"login": f"x{n}@example.org", "password": "x"}) for n in range(31)
    ]

    assert responses[-1].status_code == 429
    content = responses[-1].content.decode()
    assert "site-header" in content
    assert "Trop de tentatives" in content


def test_logout_needs_a_post(client, user):
    client.force_login(user)

    page = client.get(reverse("account_logout"))
    assert_accessible_page(page)
    assert "_auth_user_id" in client.session  # a GET (a link, a prefetch) never logs out

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_header_offers_log_in_to_visitors_and_my_account_and_log_out_to_members(client, user):
    anonymous = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_signup")}"' in anonymous

    client.force_login(user)
    member = client.get(reverse("account_profile")).content.decode()
    assert f'action="{reverse("account_logout")}"' in member
    assert mail.outbox == []
