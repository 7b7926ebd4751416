"""Registering as people do it: a member in one click, a visitor through the e-mailed link (double
opt-in), never twice, the waiting list once full, nothing after the deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Registration
from tests.factories.accounts import UserFactory
from tests.factories.events import RegistrationFactory, SessionFactory

from .conftest import link_with, visitor_data

pytestmark = pytest.mark.django_db


def register_url(workshop, session):
    return workshop.url + f"inscription/{session.pk}/"


def test_member_registers_in_one_click(client, workshop, outbox):
    session = SessionFactory(page=workshop)
    member = UserFactory(email="alex@example.org", first_name="Alex", last_name="Dupont")
    client.force_login(member)

    page = client.get(workshop.url).content.decode()
    assert f'action="{register_url(workshop, session)}"' in page

    response = client.post(register_url(workshop, session), follow=True)

    registration = Registration.objects.get()
    assert registration.user == member and registration.is_confirmed
    assert registration.name == "Alex Dupont"
    assert "votre place est confirmée" in response.content.decode()
    assert "Vous êtes inscrit·e." in response.content.decode()
    assert len(outbox) == 1
    assert "Votre place est confirmée" in outbox[0].subject
    assert outbox[0].attachments[0][0] == "atelier.ics"


def test_member_registering_twice_keeps_one_registration(client, workshop, outbox):
    session = SessionFactory(page=workshop)
    client.force_login(UserFactory())

    client.post(register_url(workshop, session))
    response = client.post(register_url(workshop, session), follow=True)

    assert Registration.objects.count() == 1
    assert "Vous étiez déjà inscrit·e à cette session" in response.content.decode()
    assert len(outbox) == 1


def test_visitor_confirms_by_the_emailed_link(client, workshop, outbox, fast_form):
    session = SessionFactory(page=workshop)

    form = client.get(register_url(workshop, session))
    assert form.status_code == 200
    assert 'autocomplete="email"' in form.content.decode()

    response = client.post(register_url(workshop, session), visitor_data())

    assert response.status_code == 302
    pending = client.get(response["Location"]).content.decode()
    assert "Nous vous avons envoyé un e-mail" in pending
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    assert session.confirmed_count == 0
    assert len(outbox) == 1 and outbox[0].to == ["camille.durand@example.org"]
    confirm = link_with(outbox[0], "/confirmer/")

    screen = client.get(confirm)
    assert screen.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING  # opening the link shows a button
    client.post(confirm)

    registration.refresh_from_db()
    assert registration.is_confirmed
    assert "Votre place est confirmée" in outbox[1].subject
    assert "Votre place est confirmée" in client.get(confirm).content.decode()


def test_confirming_twice_changes_nothing(client, workshop, outbox, fast_form):
    session = SessionFactory(page=workshop)
    client.post(register_url(workshop, session), visitor_data())
    confirm = link_with(outbox[0], "/confirmer/")

    client.post(confirm)
    client.post(confirm)

    assert Registration.objects.get().is_confirmed
    assert len(outbox) == 2


def test_forged_confirmation_link_is_refused(client, workshop, outbox, fast_form):
    session = SessionFactory(page=workshop)
    client.post(register_url(workshop, session), visitor_data())
    confirm = link_with(outbox[0], "/confirmer/")

    response = client.post(confirm[:-3] + "xyz/")

    assert response.status_code == 404
    assert "Lien non valide" in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.PENDING


def test_visitor_registering_again_never_duplicates_nor_tells_on_screen(client, workshop, outbox, fast_form):
    session = SessionFactory(page=workshop)
    RegistrationFactory(session=session, email="Camille.Durand@example.org")

    response = client.post(register_url(workshop, session), visitor_data())

    assert Registration.objects.count() == 1
    assert response.status_code == 302
    # The same screen as for a new address: who is registered is never revealed.
    assert "Nous vous avons envoyé un e-mail" in client.get(response["Location"]).content.decode()
    assert "Vous êtes déjà inscrit·e" in outbox[0].subject


def test_visitor_form_errors_are_in_french_and_keep_nothing(client, workshop, fast_form):
    session = SessionFactory(page=workshop)

    response = client.post(register_url(workshop, session), visitor_data(email="pas-une-adresse", consent=None))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Saisissez une adresse de courriel valide" in html
    assert "Cochez cette case pour vous inscrire" in html
    assert not Registration.objects.exists()


def test_full_session_offers_the_waiting_list(client, workshop, outbox):
    session = SessionFactory(page=workshop, capacity=2)
    RegistrationFactory.create_batch(2, session=session)

    page = client.get(workshop.url).content.decode()
    assert "Complet\u00a0: liste d’attente ouverte" in page
    assert "Rejoindre la liste d’attente" in page

    client.force_login(UserFactory())
    response = client.post(register_url(workshop, session), follow=True)

    registration = Registration.objects.get(user__isnull=False)
    assert registration.is_waiting
    assert "vous êtes sur la liste d’attente" in response.content.decode()
    assert "liste d’attente" in outbox[0].subject
    assert not outbox[0].attachments


def test_a_cancellation_promotes_the_first_person_waiting(client, workshop, outbox):
    session = SessionFactory(page=workshop, capacity=1)
    holder = UserFactory()
    client.force_login(holder)
    client.post(register_url(workshop, session))
    first = RegistrationFactory(session=session, status="waiting", queued_at=timezone.now() - timedelta(hours=2))
    RegistrationFactory(session=session, status="waiting", queued_at=timezone.now() - timedelta(hours=1))
    outbox.clear()

    mine = Registration.objects.get(user=holder)
    client.post(f"/mes-formations/ateliers/{mine.pk}/annuler/")

    first.refresh_from_db()
    assert first.is_confirmed
    assert session.registrations.waiting().count() == 1
    promoted = next(message for message in outbox if message.to == [first.email])
    assert "Une place s’est libérée" in promoted.subject


def test_no_registration_after_the_deadline(client, workshop, fast_form):
    session = SessionFactory(page=workshop, registration_deadline=timezone.now() - timedelta(minutes=1))

    page = client.get(workshop.url).content.decode()
    assert "Inscriptions closes" in page
    assert register_url(workshop, session) not in page

    response = client.post(register_url(workshop, session), visitor_data())
    assert response.status_code == 410
    assert "la date limite est passée" in response.content.decode()

    client.force_login(UserFactory())
    assert client.post(register_url(workshop, session)).status_code == 410
    assert not Registration.objects.exists()


def test_confirmation_link_after_the_deadline_keeps_no_seat(client, workshop, outbox, fast_form):
    session = SessionFactory(page=workshop)
    client.post(register_url(workshop, session), visitor_data())
    session.registration_deadline = timezone.now() - timedelta(minutes=1)
    session.save()

    response = client.post(link_with(outbox[0], "/confirmer/"))

    assert response.status_code == 410
    assert Registration.objects.get().status == Registration.Status.PENDING


def test_session_of_another_workshop_is_not_found(client, agenda, workshop, webinar):
    other = SessionFactory(page=webinar)

    assert client.get(register_url(workshop, other)).status_code == 404
