from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory

from .conftest import assert_accessible_page, link_from_email

User = get_user_model()

SIGNUP = {
    "first_name": "Léa",
    "last_name": "Moreau",
    "email": "lea@example.org",
    "password1": PASSWORD,
    "association": "Jardins partagés de Lille",
    "role": "Trésorière",
}


def test_signup_page_is_in_french_in_the_site_layout_with_labelled_fields(client):
    response = client.get(reverse("account_signup"))
    parser = assert_accessible_page(response)
    content = response.content.decode()
    assert "Mot de passe" in content
    assert "Prénom" in content
    assert "Rôle dans l’association" in content or "Rôle dans l'association" in content
    assert {"id_first_name", "id_last_name", "id_email", "id_password1"} <= parser.labels_for
    # One password field with a "show the password" button (shown by the script), not a second field.
    assert "id_password2" not in content
    assert 'data-password-toggle aria-controls="id_password1" aria-pressed="false" hidden' in content
    assert 'autocomplete="given-name"' in content
    assert 'autocomplete="new-password"' in content


def test_sign_up_then_follow_the_emailed_link_confirms_the_address_and_logs_in(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    user = User.objects.get(email="lea@example.org")
    assert (user.first_name, user.last_name) == ("Léa", "Moreau")
    assert (user.association, user.role) == ("Jardins partagés de Lille", "Trésorière")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # mandatory verification first
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea@example.org"]

    confirm_path = link_from_email(message)
    page = client.get(confirm_path)
    assert_accessible_page(page)
    assert "Confirmer" in page.content.decode()
    assert EmailAddress.objects.get(user=user).verified is False  # a GET never confirms

    response = client.post(confirm_path)

    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert int(client.session["_auth_user_id"]) == user.pk


def test_signup_email_is_in_french_and_signed_with_the_organisation_name(client):
    client.post(reverse("account_signup"), SIGNUP)

    message = mail.outbox[0]
    assert message.subject == "Confirmez votre adresse e-mail"
    assert "Webassoc" in message.body
    assert "Bonjour" in message.body


def test_sign_up_with_a_too_short_password_shows_the_error_summary_and_keeps_values(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password1": "court"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Erreur\u00a0:" in content or "<title>Erreur :" in content
    assert 'class="error-summary"' in content
    assert 'href="#id_password1"' in content
    assert 'value="lea@example.org"' in content
    assert 'value="Jardins partagés de Lille"' in content
    assert 'aria-invalid="true"' in content
    assert not User.objects.filter(email="lea@example.org").exists()
    assert mail.outbox == []


def test_sign_up_refuses_a_name_holding_a_web_address_like_the_manifesto(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "first_name": "Gagnez sur www.promo-spam.example"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Un nom ne peut pas contenir d’adresse web." in content
    assert 'href="#id_first_name"' in content
    assert not User.objects.filter(email="lea@example.org").exists()


def test_sign_up_with_a_weak_password_shows_the_rules_it_breaks_and_creates_nothing(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password1": "12345678", "password2": "12345678"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce mot de passe est trop courant" in content or "entièrement numérique" in content
    assert 'value="Léa"' in content
    assert not User.objects.filter(email="lea@example.org").exists()


def test_sign_up_without_a_name_shows_an_error_next_to_the_field(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "first_name": ""})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_first_name_error"' in content
    assert 'aria-describedby="id_first_name_error"' in content
    assert "Champ requis." in content
    assert not User.objects.filter(email="lea@example.org").exists()


def test_sign_up_with_an_existing_email_creates_nothing_and_warns_the_owner_by_email(client):
    """allauth's enumeration protection: the form does not reveal that the address has an account;
    the owner receives an e-mail instead."""
    UserFactory(email="lea@example.org", first_name="Léa")

    response = client.post(reverse("account_signup"), {**SIGNUP, "first_name": "Intrus"})

    assert response.status_code == 302
    assert User.objects.filter(email__iexact="lea@example.org").count() == 1
    assert User.objects.get(email="lea@example.org").first_name == "Léa"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea@example.org"]
    assert "_auth_user_id" not in client.session


def test_unverified_member_cannot_log_in_and_gets_a_new_link(client):
    UserFactory(email="nouveau@example.org", verified=False)

    response = client.post(reverse("account_login"), {"login": "nouveau@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert_accessible_page(client.get(response.url))


def test_an_invalid_confirmation_link_says_so(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))

    assert_accessible_page(response)
    assert "Ce lien de confirmation" in response.content.decode()


def test_a_password_needs_twelve_characters_at_sign_up(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password1": "Lille-2026!x"[:11]})

    assert response.status_code == 200
    assert "au minimum 12 caractères" in response.content.decode()
    assert not User.objects.filter(email="lea@example.org").exists()


def test_a_twelve_character_password_is_enough(client):
    client.post(reverse("account_signup"), {**SIGNUP, "password1": "Lille-2026!x"})

    assert User.objects.filter(email="lea@example.org").exists()


def test_a_new_password_needs_twelve_characters_too(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Lille-2026!", "password2": "Lille-2026!"},
    )

    assert "au minimum 12 caractères" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
