"""A member's data export includes the signatures made with their address; deleting the account
deletes them (and the count drops)."""

import pytest
from allauth.account.models import EmailAddress

from home.personal_data import erase_user_data, export_user_data
from manifesto.models import ManifestoPage, Signature
from tests.factories.accounts import UserFactory
from tests.factories.manifesto import SignatureFactory

pytestmark = pytest.mark.django_db


def test_export_includes_signatures_with_the_members_addresses(manifesto):
    user = UserFactory(email="jean.dupont@gmail.com")
    EmailAddress.objects.create(user=user, email="jean@exemple.fr", verified=True)
    EmailAddress.objects.create(user=user, email="pas.verifiee@exemple.fr", verified=False)
    SignatureFactory(manifesto=manifesto, email="Jean.Dupont+manif@gmail.com", confirmed=True)
    SignatureFactory(manifesto=manifesto, email="pas.verifiee@exemple.fr")
    SignatureFactory(manifesto=manifesto, email="quelquun@example.org")
    data = export_user_data(user)["manifesto"]
    assert [item["email"] for item in data] == ["Jean.Dupont+manif@gmail.com"]
    assert data[0]["manifesto"] == manifesto.title and data[0]["confirmed_at"]


def test_account_deletion_removes_signatures_and_lowers_the_count(manifesto):
    user = UserFactory(email="camille@example.org")
    SignatureFactory(manifesto=manifesto, email="CAMILLE@example.org", confirmed=True)
    SignatureFactory(manifesto=manifesto, email="autre@example.org", confirmed=True)
    assert ManifestoPage.objects.get().signature_count == 2
    erase_user_data(user)
    assert list(Signature.objects.values_list("email", flat=True)) == ["autre@example.org"]
    assert ManifestoPage.objects.get().signature_count == 1
