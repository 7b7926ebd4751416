"""The whole-page cache and concurrent submissions."""

import threading

import pytest
from django.db import connection
from django.test import Client

from manifesto.models import Signature
from tests.factories.manifesto import SignatureFactory
from tests.manifesto.conftest import sign_data


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_STAMP_FILE = str(tmp_path / "page-cache.stamp")
    return settings


@pytest.mark.django_db
def test_the_page_with_its_form_is_never_cached_but_the_wall_is(client, manifesto, page_cache):
    for _ in range(2):
        response = client.get("/manifeste/")
        assert response.get("X-Page-Cache") is None  # csrf cookie / nonce: never stored
    client.get("/manifeste/signataires/")
    assert client.get("/manifeste/signataires/").get("X-Page-Cache") == "hit"


@pytest.mark.django_db
def test_confirmation_and_withdrawal_pages_are_never_cached(client, manifesto, page_cache):
    from manifesto.tokens import make_confirm_token, make_withdraw_token

    signature = SignatureFactory(manifesto=manifesto)
    for url in (
        f"/manifeste/confirm/{make_confirm_token(signature)}/",
        f"/manifeste/retrait/{make_withdraw_token(signature)}/",
    ):
        client.get(url)
        assert client.get(url).get("X-Page-Cache") is None


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
