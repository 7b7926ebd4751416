"""Signing, double opt-in, duplicates, withdrawal and the anti-spam rules."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from manifesto.models import ManifestoPage, Signature
from manifesto.tokens import make_confirm_token, make_withdraw_token, normalize_email
from tests.factories.manifesto import SignatureFactory
from tests.manifesto.conftest import confirm_link, sign_data, withdraw_link

pytestmark = pytest.mark.django_db

PENDING_URL = "/manifeste/merci/"


def count(page):
    return ManifestoPage.objects.get(pk=page.pk).signature_count


def sign(client, manifesto, **overrides):
    return client.post("/manifeste/", sign_data(manifesto, **overrides))


# --- normalisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("  Camille.Durand@Example.ORG ", "camille.durand@example.org"),
        ("camille+manifeste@example.org", "camille@example.org"),
        ("Jean.Du.Pont+news@gmail.com", "jeandupont@gmail.com"),
        ("jean.dupont@googlemail.com", "jeandupont@gmail.com"),
        ("jean.dupont@exemple.fr", "jean.dupont@exemple.fr"),
        ("pas-une-adresse", "pas-une-adresse"),
        ("", ""),
    ],
)
def test_email_normalisation(raw, normalized):
    assert normalize_email(raw) == normalized


# --- double opt-in ---------------------------------------------------------------------------------


def test_signing_sends_a_confirmation_link_and_counts_nothing_until_confirmed(client, manifesto, fast_form, outbox):
    response = sign(client, manifesto)
    assert response.status_code == 302 and response["Location"] == PENDING_URL
    pending = client.get(PENDING_URL)
    assert "Consultez votre messagerie" in pending.content.decode()
    signature = Signature.objects.get()
    assert signature.confirmed_at is None
    assert count(manifesto) == 0
    assert "Durand" not in client.get("/manifeste/signataires/").content.decode()
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["camille.durand@example.org"]
    assert message.subject == "Confirmez votre signature de « Le manifeste »"
    assert "Merci d'avoir signé !" in message.body  # the editor's text
    assert withdraw_link(message)

    link = confirm_link(message)
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert Signature.objects.get().confirmed_at is None  # a GET (or a mail scanner) confirms nothing
    response = client.post(link)
    assert response.status_code == 302
    thanks = client.get(link)
    assert "Merci pour votre signature." in thanks.content.decode()  # the editor's thank-you text
    assert Signature.objects.get().confirmed_at is not None
    assert count(manifesto) == 1
    assert "Durand" in client.get("/manifeste/signataires/").content.decode()
    client.post(link)  # confirming twice counts once
    assert count(manifesto) == 1


def test_signature_records_the_revision_hashed_address_language_and_details(client, manifesto, fast_form):
    sign(client, manifesto, skills=["accessibility", "hosting"], newsletter="on")
    signature = Signature.objects.get()
    assert signature.revision_id == manifesto.live_revision_id
    assert len(signature.ip_hash) == 64 and "127.0.0.1" not in signature.ip_hash
    assert signature.language == "fr"
    assert signature.skills == ["accessibility", "hosting"]
    assert signature.role == manifesto.professions.order_by("sort_order").first().name
    assert signature.email_normalized == "camille.durand@example.org"


def test_newsletter_consent_takes_effect_only_after_confirmation(client, manifesto, fast_form, outbox):
    sign(client, manifesto, newsletter="on")
    signature = Signature.objects.get()
    assert signature.newsletter and signature.newsletter_consent_at is None
    client.post(confirm_link(outbox[0]))
    assert Signature.objects.get().newsletter_consent_at is not None


def test_other_profession_is_typed_by_the_signatory(client, manifesto, fast_form):
    response = sign(client, manifesto, profession="other", profession_other="")
    assert response.status_code == 200
    assert "Indiquez votre profession" in response.content.decode()
    sign(client, manifesto, profession="other", profession_other="Photographe")
    signature = Signature.objects.get()
    assert signature.profession is None and signature.role == "Photographe"


def test_english_signatories_get_english_emails_and_links(client, manifesto, fast_form, outbox):
    client.post("/en/manifeste/", sign_data(manifesto))
    assert outbox[0].subject == "Confirm your signature of “Le manifeste”"
    assert "/en/manifeste/confirm/" in confirm_link(outbox[0])


# --- link expiry and tampering ---------------------------------------------------------------------


def test_confirmation_link_expires_after_seven_days(client, manifesto, fast_form, outbox):
    with freeze_time("2026-03-01 10:00:00"):
        sign(client, manifesto)
    link = confirm_link(outbox[0])
    with freeze_time("2026-03-07 10:00:00"):
        assert client.get(link).status_code == 200
    with freeze_time("2026-03-08 10:00:01"):
        response = client.post(link)
        assert response.status_code == 410
        assert "Ce lien a expiré" in response.content.decode()
    assert Signature.objects.get().confirmed_at is None


def test_signing_again_after_expiry_sends_a_fresh_link(client, manifesto, fast_form, outbox):
    with freeze_time("2026-03-01 10:00:00"):
        sign(client, manifesto)
    with freeze_time("2026-03-10 10:00:00"):
        sign(client, manifesto)
        assert client.post(confirm_link(outbox[1])).status_code == 302
    assert Signature.objects.get().confirmed_at is not None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3] + ("abc" if token[-3:] != "abc" else "xyz"),
        lambda token: token[:20],
        lambda token: "x",
        lambda token: "A" * 200,
        lambda token: "",
    ],
)
def test_tampered_or_truncated_confirmation_links_confirm_nothing(client, manifesto, mangle):
    signature = SignatureFactory(manifesto=manifesto)
    token = mangle(make_confirm_token(signature))
    response = client.post(f"/manifeste/confirm/{token}/")
    assert response.status_code == 404
    assert Signature.objects.get().confirmed_at is None


def test_a_withdrawal_token_cannot_confirm_and_a_confirmation_token_cannot_withdraw(client, manifesto):
    signature = SignatureFactory(manifesto=manifesto)
    assert client.post(f"/manifeste/confirm/{make_withdraw_token(signature)}/").status_code == 404
    assert client.post(f"/manifeste/retrait/{make_confirm_token(signature)}/").status_code == 404
    assert Signature.objects.filter(confirmed_at__isnull=True).count() == 1


def test_a_token_for_another_secret_is_refused(client, manifesto):
    signature = SignatureFactory(manifesto=manifesto)
    token = make_confirm_token(signature)
    Signature.objects.filter(pk=signature.pk).update(secret="un-autre-secret")
    assert client.post(f"/manifeste/confirm/{token}/").status_code == 404


# --- duplicates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "second_email",
    ["camille.durand@example.org", "  CAMILLE.DURAND@example.org ", "camille.durand+manif@example.org"],
)
def test_second_signature_with_same_email_sends_notice_and_creates_nothing(
    client, manifesto, fast_form, outbox, second_email
):
    sign(client, manifesto)
    client.post(confirm_link(outbox[0]))
    response = sign(client, manifesto, email=second_email, first_name="Autre")
    assert response.status_code == 302 and response["Location"] == PENDING_URL  # same screen as a first signature
    assert Signature.objects.count() == 1
    assert Signature.objects.get().first_name == "Camille"  # a confirmed signature is not overwritten
    assert count(manifesto) == 1
    assert outbox[-1].subject == "Vous avez déjà signé « Le manifeste »"
    assert "/confirm/" not in outbox[-1].body and withdraw_link(outbox[-1])


def test_gmail_dots_and_tags_are_the_same_signatory(client, manifesto, fast_form, outbox):
    sign(client, manifesto, email="jean.dupont@gmail.com")
    sign(client, manifesto, email="JeanDupont+manifeste@googlemail.com")
    assert Signature.objects.count() == 1
    assert len(outbox) == 2
    assert all("/confirm/" in message.body for message in outbox)  # still pending: a new link


def test_pending_signature_is_updated_by_a_new_submission(client, manifesto, fast_form, outbox):
    sign(client, manifesto, city="Lyon")
    sign(client, manifesto, city="Nantes")
    assert Signature.objects.get().city == "Nantes"


def test_database_refuses_two_signatures_with_one_normalised_email(manifesto):
    from django.db import IntegrityError, transaction

    SignatureFactory(manifesto=manifesto, email="a.b@gmail.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(manifesto=manifesto, email="ab+x@googlemail.com")


# --- withdrawal --------------------------------------------------------------------------------------


def test_withdrawal_asks_first_then_deletes_the_personal_data_and_the_count_drops(client, manifesto, fast_form, outbox):
    sign(client, manifesto)
    client.post(confirm_link(outbox[0]))
    assert count(manifesto) == 1
    link = withdraw_link(outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Retirer ma signature" in page.content.decode()
    assert Signature.objects.count() == 1  # a GET deletes nothing
    response = client.post(link)
    assert response.status_code == 200
    assert "Votre signature a été retirée" in response.content.decode()
    assert Signature.objects.count() == 0
    assert count(manifesto) == 0
    again = client.post(link)
    assert again.status_code == 200 and "déjà été retirée" in again.content.decode()


def test_pending_signature_can_be_withdrawn_too(client, manifesto, fast_form, outbox):
    sign(client, manifesto)
    client.post(withdraw_link(outbox[0]))
    assert Signature.objects.count() == 0 and count(manifesto) == 0


def test_tampered_withdrawal_link_deletes_nothing(client, manifesto):
    signature = SignatureFactory(manifesto=manifesto, confirmed=True)
    token = make_withdraw_token(signature)
    assert client.post(f"/manifeste/retrait/{token[:-4]}abcd/").status_code == 404
    assert Signature.objects.count() == 1


# --- anti-spam ---------------------------------------------------------------------------------------


def test_honeypot_submission_looks_successful_but_keeps_nothing(client, manifesto, fast_form, outbox):
    response = sign(client, manifesto, website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == PENDING_URL
    assert Signature.objects.count() == 0 and outbox == []


def test_form_sent_too_fast_is_shown_again_with_everything_typed(client, manifesto, settings, outbox):
    settings.MANIFESTO_MIN_FILL_SECONDS = 3
    with freeze_time("2026-03-01 10:00:00"):
        data = sign_data(manifesto, message="Mon message à garder")
    with freeze_time("2026-03-01 10:00:01"):
        response = client.post("/manifeste/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vérifiez vos informations et envoyez de nouveau le formulaire." in html
    assert 'value="camille.durand@example.org"' in html and "Mon message à garder" in html
    assert Signature.objects.count() == 0 and outbox == []
    with freeze_time("2026-03-01 10:00:05"):
        assert client.post("/manifeste/", data).status_code == 302
    assert Signature.objects.count() == 1


@pytest.mark.parametrize("started", ["", "forged:value:xyz", "x" * 500])
def test_missing_or_forged_fill_time_is_refused(client, manifesto, fast_form, started):
    response = sign(client, manifesto, started=started)
    assert response.status_code == 200
    assert Signature.objects.count() == 0


def test_too_many_submissions_from_one_address_get_the_429_page(client, manifesto, fast_form, settings):
    settings.MANIFESTO_SIGN_RATE = "3/m"
    for n in range(3):
        assert sign(client, manifesto, email=f"personne{n}@example.org").status_code == 302
    response = sign(client, manifesto, email="encore@example.org")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert Signature.objects.count() == 3
    # Another client address is not affected.
    other = client.post("/manifeste/", sign_data(manifesto, email="autre@example.org"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_one_address_receives_only_a_few_emails_however_often_it_is_submitted(client, manifesto, fast_form, outbox):
    fast_form.MANIFESTO_EMAIL_RATE = "2/h"
    for _ in range(4):
        assert sign(client, manifesto).status_code == 302
    assert len(outbox) == 2


# --- robustness ----------------------------------------------------------------------------------------


def test_errors_keep_what_was_typed_and_are_linked_to_their_fields(client, manifesto, fast_form):
    response = sign(client, manifesto, email="pas-une-adresse", consent=None)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html and 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="pas-une-adresse"' in html and 'value="Camille"' in html
    assert "Cochez cette case pour signer" in html
    assert 'role="alert"' in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"first_name": "x" * 100_000},
        {"message": "é" * 10_000},
        {"email": "a" * 300 + "@example.org"},
        {"first_name": "nul\x00char"},
        {"first_name": "", "last_name": "", "email": "", "profession": ""},
        {"profession": "999999"},
        {"profession": "<script>"},
        {"skills": ["inexistant"]},
        {"started": "\x00"},
        {"city": "Zürich\u202e"},
    ],
)
def test_form_never_fails_whatever_is_sent(client, manifesto, fast_form, overrides):
    response = sign(client, manifesto, **overrides)
    assert response.status_code in (200, 302)


def test_mis_encoded_body_does_not_fail(client, manifesto, fast_form):
    body = b"first_name=%FF%FE&last_name=%C3%28&email=a%40example.org&consent=on"
    response = client.generic("POST", "/manifeste/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302, 400)


def test_empty_post_and_other_methods(client, manifesto):
    assert client.post("/manifeste/", {}).status_code == 200
    assert client.put("/manifeste/").status_code == 405


def test_no_confirmation_after_the_closing_date(client, manifesto, fast_form, outbox):
    sign(client, manifesto)
    manifesto.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    manifesto.save_revision().publish()
    response = client.post(confirm_link(outbox[0]))
    assert response.status_code == 410
    assert Signature.objects.get().confirmed_at is None


def test_email_send_failure_does_not_break_the_page(client, manifesto, fast_form, settings):
    settings.EMAIL_BACKEND = "tests.manifesto.test_signing.FailingBackend"
    assert sign(client, manifesto).status_code == 302
    assert Signature.objects.count() == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP down")

    def open(self):
        pass

    def close(self):
        pass


def test_mail_is_sent_with_default_from(client, manifesto, fast_form, outbox, settings):
    sign(client, manifesto)
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL
