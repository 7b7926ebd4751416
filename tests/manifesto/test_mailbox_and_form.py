"""The signing form's order and error summary, and the "check your mailbox" page: the address named,
the e-mail resent, the address corrected without typing everything again (issue 14)."""

import re

import pytest

from manifesto.models import Signature
from tests.manifesto.conftest import sign_data

pytestmark = pytest.mark.django_db

PENDING_URL = "/manifeste/merci/"
CORRECT_URL = "/manifeste/merci/corriger/"


def sign(client, manifesto, **overrides):
    return client.post("/manifeste/", sign_data(manifesto, **overrides))


def test_the_five_required_answers_come_first_and_the_rest_is_under_optional(client, manifesto):
    html = client.get("/manifeste/").content.decode()
    form = html[html.index('id="signer"') :]
    positions = [form.index(f'id="id_{name}"') for name in ("first_name", "last_name", "email", "profession")]
    consent = form.index('id="id_consent"')
    optional = form.index("<legend>Facultatif</legend>")
    assert positions == sorted(positions) and positions[-1] < consent < optional
    for name in ("organisation", "city", "message", "skills_0"):
        assert form.index(f'id="id_{name}"') > optional


def test_errors_are_summarised_at_the_top_with_links_to_each_field(client, manifesto, fast_form):
    response = sign(client, manifesto, first_name="", email="pas-une-adresse", consent="")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Erreur\s:", html)
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert "Il y a un problème" in summary
    links = re.findall(r'href="#(id_\w+)"', summary)
    assert links == ["id_first_name", "id_email", "id_consent"]  # in the order of the form
    assert not Signature.objects.exists()


def test_a_name_holding_a_web_address_is_refused_with_a_specific_message(client, manifesto, fast_form, outbox):
    response = sign(client, manifesto, last_name="Durand https://spam.example/offre")
    assert response.status_code == 200
    assert "Un nom ne peut pas contenir d’adresse web." in response.content.decode()
    assert not Signature.objects.exists() and outbox == []


def test_the_mailbox_page_names_the_address_and_the_seven_days_of_the_email(client, manifesto, fast_form, outbox):
    sign(client, manifesto, email="Camille.Durand@Example.org")
    html = client.get(PENDING_URL).content.decode()
    assert "Camille.Durand@Example.org" in html
    assert "valable 7\u00a0jours" in html or "valable 7 jours" in html
    assert "7 jours" in outbox[0].body or "7\u00a0jours" in outbox[0].body
    assert "Renvoyer l’e-mail" in html and "Corriger l’adresse" in html


def test_a_visitor_who_did_not_sign_gets_no_address_and_no_resend_button(client, manifesto):
    html = client.get(PENDING_URL).content.decode()
    assert "Renvoyer l’e-mail" not in html
    assert client.post(PENDING_URL).status_code == 302


def test_resending_sends_the_same_email_again_within_the_per_address_limit(client, manifesto, fast_form, outbox):
    fast_form.MANIFESTO_EMAIL_RATE = "2/h"
    sign(client, manifesto)
    response = client.post(PENDING_URL, follow=True)
    assert "L’e-mail a été renvoyé à camille.durand@example.org." in response.content.decode()
    assert len(outbox) == 2 and "/confirm/" in outbox[1].body

    response = client.post(PENDING_URL, follow=True)
    assert "Plusieurs e-mails ont déjà été envoyés" in response.content.decode()
    assert len(outbox) == 2


def test_resending_for_an_address_already_confirmed_says_so_by_email_only(client, manifesto, fast_form, outbox):
    Signature.objects.create(
        manifesto=manifesto,
        first_name="Camille",
        last_name="Durand",
        email="camille.durand@example.org",
        email_normalized="camille.durand@example.org",
        confirmed_at="2026-01-01T10:00:00Z",
    )
    first = client.get(PENDING_URL)
    sign(client, manifesto)
    response = client.post(PENDING_URL, follow=True)
    assert "L’e-mail a été renvoyé à camille.durand@example.org." in response.content.decode()
    assert "/confirm/" not in outbox[-1].body  # the e-mail, not the page, says it was already confirmed
    assert first.status_code == 200


def test_correcting_the_address_gives_back_everything_typed_and_replaces_the_wrong_signature(
    client, manifesto, fast_form, outbox
):
    sign(client, manifesto, email="camille.durand@exmaple.org", message="Je signe des deux mains.")
    wrong = Signature.objects.get()
    html = client.get(CORRECT_URL).content.decode()
    assert 'value="camille.durand@exmaple.org"' in html and "autofocus" in html
    assert 'value="Les Amis du Web"' in html and "Je signe des deux mains." in html
    assert 'name="correction" value="1"' in html

    data = sign_data(manifesto, email="camille.durand@example.org", message="Je signe des deux mains.")
    client.post("/manifeste/", {**data, "correction": "1"})
    signature = Signature.objects.get()
    assert signature.pk != wrong.pk and signature.email == "camille.durand@example.org"
    assert "camille.durand@example.org" in client.get(PENDING_URL).content.decode()
    assert outbox[-1].to == ["camille.durand@example.org"]


def test_signing_for_someone_else_from_the_same_browser_deletes_nothing(client, manifesto, fast_form):
    sign(client, manifesto, email="camille@example.org")
    sign(client, manifesto, email="dominique@example.org", first_name="Dominique")
    assert Signature.objects.count() == 2


def test_correcting_never_deletes_a_signature_this_browser_did_not_create(client, manifesto, fast_form):
    Signature.objects.create(
        manifesto=manifesto,
        first_name="Alex",
        last_name="Martin",
        email="alex@example.org",
        email_normalized="alex@example.org",
    )
    sign(client, manifesto, email="alex@example.org")  # someone else's pending signature: found, not created
    client.post("/manifeste/", {**sign_data(manifesto, email="moi@example.org"), "correction": "1"})
    assert set(Signature.objects.values_list("email", flat=True)) == {"alex@example.org", "moi@example.org"}
