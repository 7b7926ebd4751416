import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from freezegun import freeze_time

from home import personal_data
from tests.factories.accounts import PASSWORD

from .conftest import assert_accessible_page

User = get_user_model()


@pytest.fixture
def fake_app():
    """A feature app that registered an exporter and an eraser, removed after the test."""
    erased = []
    personal_data.register_exporter("fake_app", lambda user: {"favourite": f"plants of {user.email}"})
    personal_data.register_eraser("fake_app", lambda user: erased.append(user.email))
    yield erased
    personal_data._exporters.pop("fake_app", None)
    personal_data._erasers.pop("fake_app", None)


def test_export_requires_logging_in(client):
    response = client.get(reverse("account_export"))

    assert response.status_code == 302


def test_export_file_is_named_after_the_day_in_paris(client, user, fake_app):
    client.force_login(user)

    with freeze_time("2026-03-10 23:30:00+00:00"):  # already 00:30 on the 11th in Paris
        response = client.get(reverse("account_export"))

    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-2026-03-11.json"'


def test_export_downloads_the_profile_and_every_apps_data_as_json(client, user, fake_app):
    client.force_login(user)

    response = client.get(reverse("account_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "camille@example.org"
    assert data["account"]["first_name"] == "Camille"
    assert data["account"]["association"] == "Les Amis du Web"
    assert data["account"]["email_addresses"] == [{"email": "camille@example.org", "verified": True, "primary": True}]
    assert data["fake_app"] == {"favourite": "plants of camille@example.org"}


def test_delete_page_asks_for_the_password(client, user):
    client.force_login(user)

    response = client.get(reverse("account_delete"))

    parser = assert_accessible_page(response)
    assert "id_password" in parser.labels_for
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_with_a_wrong_password_keeps_the_account(client, user, fake_app):
    client.force_login(user)

    response = client.post(reverse("account_delete"), {"password": "not my password"})

    assert response.status_code == 200
    assert 'id="id_password_error"' in response.content.decode()
    assert "Ceci n’est pas votre mot de passe" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert fake_app == []
    assert int(client.session["_auth_user_id"]) == user.pk


def test_delete_with_the_right_password_erases_data_removes_the_user_and_logs_out(client, user, fake_app):
    client.force_login(user)

    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert not User.objects.filter(pk=user.pk).exists()
    assert fake_app == ["camille@example.org"]
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "Votre compte et vos données personnelles ont été supprimés." in response.content.decode()
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.filter(email="camille@example.org").exists()
