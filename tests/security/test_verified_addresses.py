"""Personal data is matched to an account only through its verified addresses (#17, finding 1).

Someone who signs up as ``victim@…`` without confirming the address (and gets a session some other way)
must not read, cancel or delete what the real owner of that address left on the site: a manifesto
signature, a registration to a live training, a help request. Every provider of the personal-data registry
(home/personal_data.py) is checked through the account's export and deletion, and the member pages that
list registrations.
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.community import HelpRequestFactory, HelpRequestPageFactory
from tests.factories.manifesto import ManifestoPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"
MARKERS = ["Message privé de la victime", "Association de la victime", "Atelier de la victime"]


@pytest.fixture(autouse=True)
def _french(home_page):
    with translation.override("fr"):
        yield


@pytest.fixture
def victims_data(home_page):
    from events.models import AgendaPage, Registration, Session, WorkshopPage

    manifesto = ManifestoPageFactory(parent=home_page)
    signature = SignatureFactory(
        manifesto=manifesto, email=VICTIM, is_public=False, newsletter=True, message=MARKERS[0]
    )
    help_page = HelpRequestPageFactory(parent=home_page)
    help_request = HelpRequestFactory(page=help_page, contact_email=VICTIM, association=MARKERS[1])
    agenda = home_page.add_child(instance=AgendaPage(title="Agenda", slug="agenda"))
    workshop = agenda.add_child(instance=WorkshopPage(title=MARKERS[2], slug="atelier", summary="Un atelier."))
    starts = timezone.now() + datetime.timedelta(days=10)
    session = Session.objects.create(
        page=workshop, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=10
    )
    registration = Registration.objects.create(
        session=session,
        name="Victime",
        email=VICTIM,
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    return {"signature": signature, "help_request": help_request, "registration": registration}


def _export(client):
    response = client.get(reverse("account_export"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_an_unverified_address_exports_nothing_its_real_owner_left(client, victims_data):
    intruder = UserFactory(email=VICTIM, verified=False)
    client.force_login(intruder)  # whatever door: the data must not follow the address

    data = _export(client)
    everything_but_the_account = json.dumps({key: value for key, value in data.items() if key != "account"})

    for marker in MARKERS:
        assert marker not in everything_but_the_account
    assert VICTIM not in everything_but_the_account


def test_deleting_an_account_with_an_unverified_address_keeps_what_its_real_owner_left(client, victims_data):
    intruder = UserFactory(email=VICTIM, verified=False)
    client.force_login(intruder)

    client.post(reverse("account_delete"), {"password": PASSWORD})

    assert not type(intruder).objects.filter(pk=intruder.pk).exists()
    for obj in victims_data.values():
        assert type(obj).objects.filter(pk=obj.pk).exists(), obj
    victims_data["registration"].refresh_from_db()
    assert victims_data["registration"].cancelled_at is None


def test_an_unverified_address_neither_sees_nor_cancels_the_owners_registration(client, victims_data):
    registration = victims_data["registration"]
    client.force_login(UserFactory(email=VICTIM, verified=False))

    dashboard = client.get(reverse("courses:dashboard"))
    cancel = client.post(reverse("events:cancel_own", args=[registration.pk]))

    assert dashboard.status_code == 200
    assert MARKERS[2] not in dashboard.content.decode()
    assert cancel.status_code == 404
    registration.refresh_from_db()
    assert registration.cancelled_at is None


def test_the_verified_owner_exports_all_of_it(client, victims_data):
    client.force_login(UserFactory(email=VICTIM))

    data = _export(client)

    assert [row["message"] for row in data["manifesto"]] == [MARKERS[0]]
    assert [row["association"] for row in data["community"]["help_requests"]] == [MARKERS[1]]
    assert [row["workshop"] for row in data["events"]] == [MARKERS[2]]
    assert MARKERS[2] in client.get(reverse("courses:dashboard")).content.decode()
