"""The manifesto through an HTTP cache (docs/caching.md), and concurrent submissions."""

import threading

import pytest
from django.db import connection
from django.test import Client

from manifesto.models import Signature
from tests.factories.manifesto import SignatureFactory
from tests.manifesto.conftest import sign_data


def shared(response):
    return "public" in response.get("Cache-Control", "") and "s-maxage=" in response["Cache-Control"]


def form_action(response):
    return response.content.decode().split('id="manifesto-form-title"', 1)[1].split('action="', 1)[1].split('"')[0]


@pytest.mark.django_db
def test_the_page_with_its_form_is_shared_and_any_visitor_signs_without_a_token(manifesto, fast_form, outbox):
    page = Client(enforce_csrf_checks=True).get("/manifeste/")
    assert shared(page)
    html = page.content.decode()
    assert "csrfmiddlewaretoken" not in html and not page.cookies
    # The stored copy is the one every visitor gets: another visitor posts its form as it is.
    visitor = Client(enforce_csrf_checks=True)
    started = html.split('name="started" value="', 1)[1].split('"')[0]
    action = form_action(page)
    assert action.startswith("/formulaires/manifeste/")
    response = visitor.post(action.split("#")[0], sign_data(manifesto, started=started))
    assert response.status_code == 302 and response["Location"].endswith("/manifeste/merci/")
    assert Signature.objects.filter(manifesto=manifesto, email="camille.durand@example.org").exists()
    assert len(outbox) == 1
    # The visitor now has a session: what they see next is theirs only.
    assert "private" in visitor.get(response["Location"])["Cache-Control"]


@pytest.mark.django_db
def test_a_form_with_errors_is_shown_again_with_what_was_typed_and_is_not_shared(manifesto, fast_form):
    response = Client(enforce_csrf_checks=True).post(
        f"/formulaires/manifeste/{manifesto.pk}/", sign_data(manifesto, email="pas-une-adresse")
    )
    assert response.status_code == 200
    assert "Camille" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_the_sign_address_only_takes_live_manifestos(client, manifesto):
    assert client.get(f"/formulaires/manifeste/{manifesto.pk}/").status_code == 302
    manifesto.unpublish()
    assert client.post(f"/formulaires/manifeste/{manifesto.pk}/", sign_data(manifesto)).status_code == 404
    assert client.post("/formulaires/manifeste/999999/", sign_data(manifesto)).status_code == 404
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_the_page_still_refuses_a_post_without_a_token(manifesto, fast_form):
    response = Client(enforce_csrf_checks=True).post("/manifeste/", sign_data(manifesto))
    assert response.status_code == 403
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_the_wall_is_shared(client, manifesto):
    assert shared(client.get("/manifeste/signataires/"))


@pytest.mark.django_db
def test_confirmation_and_withdrawal_pages_are_never_shared(client, manifesto):
    from manifesto.tokens import make_confirm_token, make_withdraw_token

    signature = SignatureFactory(manifesto=manifesto)
    for url in (
        f"/manifeste/confirm/{make_confirm_token(signature)}/",
        f"/manifeste/retrait/{make_withdraw_token(signature)}/",
    ):
        response = client.get(url)
        assert "private" in response["Cache-Control"] and not shared(response)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_submissions_of_one_email_give_one_signature_and_no_error(home_page, settings):
    from tests.factories.manifesto import ManifestoPageFactory

    settings.MANIFESTO_MIN_FILL_SECONDS = 0
    settings.MANIFESTO_SIGN_RATE = "1000/m"
    settings.MANIFESTO_EMAIL_RATE = "1000/m"
    manifesto = ManifestoPageFactory(parent=home_page)
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    statuses, errors = [], []

    def submit(n):
        try:
            data = sign_data(manifesto, email=f"  Camille.Durand+{n}@Example.org")
            client = Client()
            barrier.wait(timeout=10)
            statuses.append(client.post("/manifeste/", data).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert statuses == [302] * threads_count
    assert Signature.objects.filter(manifesto=manifesto).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_confirmations_count_once(home_page):
    from tests.factories.manifesto import ManifestoPageFactory

    manifesto = ManifestoPageFactory(parent=home_page)
    signature = SignatureFactory(manifesto=manifesto)
    barrier = threading.Barrier(6)

    def confirm():
        try:
            barrier.wait(timeout=10)
            Signature.objects.get(pk=signature.pk).confirm()
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    from manifesto.models import ManifestoPage

    assert ManifestoPage.objects.get(pk=manifesto.pk).signature_count == 1
