"""Wagtail's shared passwords (a page or a collection of documents an editor protected with one) cannot be
guessed without limit (#17, finding 7): every password typed counts, per client; over the limit the form
answers 429 without checking it."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db

SHARED_PASSWORD = "jardin-partage-2026"  # noqa: S105


@pytest.fixture
def protected_page(home_page):
    page = home_page.add_child(instance=StandardPage(title="Réservé au bureau", slug="bureau", intro="Comptes."))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=SHARED_PASSWORD
    )
    return page, reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def _try(client, url, password, return_url="/bureau/"):
    return client.post(url, {"password": password, "return_url": return_url})


def test_the_right_password_opens_the_page(client, protected_page):
    page, url = protected_page

    response = _try(client, url, SHARED_PASSWORD)

    assert response.status_code == 302
    assert client.get(page.url).status_code == 200


@override_settings(PAGE_PASSWORD_RATES=["10/m", "50/h"])
def test_ten_wrong_passwords_then_even_the_right_one_is_refused(client, protected_page):
    page, url = protected_page

    answers = [_try(client, url, f"essai-{n}").status_code for n in range(10)]
    over = _try(client, url, SHARED_PASSWORD)

    assert answers == [200] * 10  # the form again, with its error
    assert over.status_code == 429
    assert "Trop de" in over.content.decode()
    assert "Comptes." not in client.get(page.url).content.decode()
    # Another visitor is not blocked by the first one's tries.
    other = Client(REMOTE_ADDR="192.0.2.8")
    assert _try(other, url, SHARED_PASSWORD).status_code == 302


def test_the_english_address_of_the_form_is_limited_too(client, protected_page):
    _page, url = protected_page

    answers = [_try(client, "/en" + url, f"essai-{n}").status_code for n in range(11)]

    assert answers[-1] == 429


@pytest.fixture
def protected_document(db):
    root = Collection.get_first_root_node()
    collection = root.add_child(instance=Collection(name="Bureau"))
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=SHARED_PASSWORD
    )
    document = get_document_model().objects.create(
        title="Budget", collection=collection, file=ContentFile(b"budget", name="budget.txt")
    )
    return document, reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])


def test_a_documents_password_is_limited_the_same_way(client, protected_document):
    document, url = protected_document

    answers = [_try(client, url, f"essai-{n}", return_url=document.url).status_code for n in range(10)]
    over = _try(client, url, SHARED_PASSWORD, return_url=document.url)

    assert answers == [200] * 10
    assert over.status_code == 429
    assert _try(Client(REMOTE_ADDR="192.0.2.9"), url, SHARED_PASSWORD, return_url=document.url).status_code == 302
