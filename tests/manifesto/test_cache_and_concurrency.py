"""The whole-page cache and concurrent submissions."""

import threading
import time

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


def hidden_value(response, name):
    return response.content.decode().split(f'name="{name}" value="')[1].split('"')[0]


@pytest.mark.django_db
def test_the_page_with_its_form_is_cached_and_each_visitor_signs_with_their_own_token(
    manifesto, page_cache, fast_form, outbox
):
    from manifesto.tokens import seconds_since_form_started

    first = Client(enforce_csrf_checks=True).get("/manifeste/")
    assert first.get("X-Page-Cache") == "miss"
    time.sleep(1.1)  # the time stamps are to the second
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/manifeste/")
    assert page.get("X-Page-Cache") == "hit"
    token = hidden_value(page, "csrfmiddlewaretoken")
    started = hidden_value(page, "started")
    assert token != hidden_value(first, "csrfmiddlewaretoken")
    assert started != hidden_value(first, "started")  # the "shown at" stamp is this visit's
    assert seconds_since_form_started(started) < 1
    data = sign_data(manifesto, started=started, csrfmiddlewaretoken=token)
    response = visitor.post("/manifeste/", data)
    assert response.status_code == 302
    assert Signature.objects.filter(manifesto=manifesto, email="camille.durand@example.org").exists()
    assert len(outbox) == 1


@pytest.mark.django_db
def test_the_wall_is_cached(client, manifesto, page_cache):
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
