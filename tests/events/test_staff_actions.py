"""Staff actions in the admin ("Ateliers en direct"): cancel a session, change its seats, write to
its participants, export them, mark attendance. Bad input says why in French and changes nothing."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from openpyxl import load_workbook

from events.models import Registration, Session
from tests.factories.accounts import UserFactory
from tests.factories.events import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def session(workshop):
    return SessionFactory(page=workshop, capacity=2)


def url(name, session):
    return f"/admin/ateliers/sessions/{name}/{session.pk}/"


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# --- the listing and the session screen -------------------------------------------------------------


def test_sessions_are_listed_with_their_numbers(client, staff, session):
    RegistrationFactory.create_batch(2, session=session)
    RegistrationFactory(session=session, status="waiting")

    listing = client.get("/admin/ateliers/sessions/")

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Atelier RGPD" in html and "2 / 2" in html and "Complet" in html
    inspect = client.get(url("inspect", session)).content.decode()
    for label in ("Annuler la session", "Modifier les places", "Écrire aux participants", "Marquer les présences"):
        assert label in inspect


def test_editing_a_session_leads_to_its_workshop_page(client, staff, session):
    response = client.get(url("edit", session))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{session.page_id}/edit/"


def test_members_without_the_permission_are_refused(client, session):
    client.force_login(UserFactory())

    for name in ("cancel", "capacity", "message", "attendance"):
        response = client.post(url(name, session), {"capacity": "30"})
        assert response.status_code in (302, 403), name
    assert Session.objects.get(pk=session.pk).capacity == 2


def test_moderation_group_may_run_the_actions(client, session):
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Modération"))
    client.force_login(moderator)

    assert client.get(url("capacity", session)).status_code == 200


# --- cancel -------------------------------------------------------------------------------------------


def test_cancelling_tells_everyone_registered_and_waiting(client, staff, session, outbox):
    confirmed = RegistrationFactory.create_batch(2, session=session)
    waiting = RegistrationFactory(session=session, status="waiting")
    RegistrationFactory(session=session, status="cancelled")

    form = client.get(url("cancel", session))
    assert "3\u00a0personnes inscrites ou en attente sont prévenues" in form.content.decode()
    response = client.post(url("cancel", session), {"message": "La salle est indisponible."}, follow=True)

    assert "3\u00a0personnes ont été prévenues" in " ".join(messages_of(response))
    session.refresh_from_db()
    assert session.is_cancelled
    assert sorted(m.to[0] for m in outbox) == sorted([r.email for r in confirmed] + [waiting.email])
    assert all("Session annulée" in m.subject and "La salle est indisponible." in m.body for m in outbox)
    page = client.get(session.page.url).content.decode()
    assert "Annulée" in page
    assert f"inscription/{session.pk}/" not in page
    assert "Annulée" in client.get("/ateliers/").content.decode()


def test_registrations_are_closed_once_cancelled(client, staff, session):
    client.post(url("cancel", session), {})
    client.logout()

    response = client.get(session.page.url + f"inscription/{session.pk}/")

    assert response.status_code == 410
    assert "annulée par les organisateurs" in response.content.decode()


def test_cancelling_twice_changes_nothing(client, staff, session, outbox):
    RegistrationFactory(session=session)
    client.post(url("cancel", session), {})
    outbox.clear()

    response = client.post(url("cancel", session), {}, follow=True)

    assert "déjà annulée" in " ".join(messages_of(response))
    assert outbox == []


def test_publishing_the_page_again_never_revives_a_cancelled_session(client, staff, session):
    client.post(url("cancel", session), {})

    session.page.save_revision().publish()

    assert Session.objects.get(pk=session.pk).is_cancelled


# --- capacity -----------------------------------------------------------------------------------------


def test_more_seats_move_the_waiting_list_up(client, staff, session, outbox):
    RegistrationFactory.create_batch(2, session=session)
    first = RegistrationFactory(session=session, status="waiting", queued_at=timezone.now() - timedelta(hours=3))
    second = RegistrationFactory(session=session, status="waiting", queued_at=timezone.now() - timedelta(hours=2))
    third = RegistrationFactory(session=session, status="waiting", queued_at=timezone.now() - timedelta(hours=1))

    response = client.post(url("capacity", session), {"capacity": "4"}, follow=True)

    assert "2\u00a0personnes de la liste d’attente ont obtenu une place" in " ".join(messages_of(response))
    for registration in (first, second, third):
        registration.refresh_from_db()
    assert first.is_confirmed and second.is_confirmed and third.is_waiting
    assert sorted(m.to[0] for m in outbox) == sorted([first.email, second.email])
    assert all("Une place s’est libérée" in m.subject for m in outbox)
    assert Session.objects.get(pk=session.pk).capacity == 4


def test_new_capacity_survives_publishing_the_page(client, staff, session):
    page = session.page.specific
    page.save_revision().publish()  # the live revision holds the session with its two seats

    client.post(url("capacity", session), {"capacity": "9"})
    page.refresh_from_db()
    page.get_latest_revision().publish()

    assert Session.objects.get(pk=session.pk).capacity == 9
    page.refresh_from_db()
    assert not page.has_unpublished_changes


def test_fewer_seats_never_take_a_seat_away(client, staff, session):
    RegistrationFactory.create_batch(2, session=session)

    client.post(url("capacity", session), {"capacity": "1"})

    assert Registration.objects.filter(status="confirmed").count() == 2
    assert Session.objects.get(pk=session.pk).capacity == 1


@pytest.mark.parametrize(
    ("value", "error"),
    [("0", "au moins une place"), ("abc", "nombre entier"), ("", "Indiquez le nombre de places"), ("20000", "au plus")],
)
def test_bad_capacity_is_explained_and_changes_nothing(client, staff, session, value, error):
    response = client.post(url("capacity", session), {"capacity": value})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert Session.objects.get(pk=session.pk).capacity == 2


def test_capacity_of_a_started_session_cannot_change(client, staff, workshop):
    started = SessionFactory(page=workshop, starts_in=timedelta(minutes=-10))

    response = client.post(url("capacity", started), {"capacity": "30"}, follow=True)

    assert "a déjà commencé" in " ".join(messages_of(response))
    assert Session.objects.get(pk=started.pk).capacity == 12


# --- message ------------------------------------------------------------------------------------------


def test_message_goes_to_the_confirmed_participants(client, staff, session, outbox):
    confirmed = RegistrationFactory.create_batch(2, session=session)
    RegistrationFactory(session=session, status="waiting")
    RegistrationFactory(session=session, status="pending")

    response = client.post(
        url("message", session),
        {"subject": "Apportez un ordinateur", "message": "Pensez à votre chargeur.", "recipients": "confirmed"},
        follow=True,
    )

    assert "Message envoyé à 2\u00a0personnes" in " ".join(messages_of(response))
    assert sorted(m.to[0] for m in outbox) == sorted(r.email for r in confirmed)
    assert all(m.subject.startswith("Apportez un ordinateur") for m in outbox)
    assert all("Pensez à votre chargeur." in m.body and "/annuler/" in m.body for m in outbox)


def test_message_can_include_the_waiting_list(client, staff, session, outbox):
    RegistrationFactory(session=session)
    RegistrationFactory(session=session, status="waiting")

    client.post(url("message", session), {"subject": "Info", "message": "Bonjour.", "recipients": "with_waiting"})

    assert len(outbox) == 2


def test_empty_message_or_nobody_to_tell_sends_nothing(client, staff, session, outbox):
    empty = client.post(url("message", session), {"subject": "  ", "message": "", "recipients": "confirmed"})
    assert "Donnez un objet à l’e-mail" in empty.content.decode()
    assert "Écrivez le message" in empty.content.decode()

    nobody = client.post(url("message", session), {"subject": "Info", "message": "Bonjour.", "recipients": "confirmed"})
    assert "Personne n’est encore inscrit" in nobody.content.decode()
    assert outbox == []


# --- export -------------------------------------------------------------------------------------------


def test_csv_export_is_formula_safe_local_time_and_excel_friendly(client, staff, session, workshop):
    other = SessionFactory(page=workshop)
    RegistrationFactory(session=other, name="Autre Session")
    confirmed_at = timezone.now().replace(microsecond=123456)
    RegistrationFactory(
        session=session, name='=HYPERLINK("http://evil")', organisation="@SUM(A1)", confirmed_at=confirmed_at
    )
    member = UserFactory()
    RegistrationFactory(session=session, name="Élise Membre", user=member, email=member.email, attended=True)

    response = client.get(f"/admin/ateliers/inscriptions/?session={session.pk}&export=csv")

    assert response.status_code == 200
    # The file is read once the request is over, as a server streams it: still in French.
    with translation.override("en"):
        content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 2 and {row["Nom"] for row in rows} == {'\'=HYPERLINK("http://evil")', "Élise Membre"}
    evil = next(row for row in rows if row["Nom"].startswith("'"))
    assert evil["Association"] == "'@SUM(A1)"
    assert evil["Place confirmée le"] == timezone.localtime(confirmed_at).strftime("%Y-%m-%d %H:%M:%S")
    assert evil["Compte membre"] == "Non" and evil["Présent·e"] == ""
    elise = next(row for row in rows if row["Nom"] == "Élise Membre")
    assert elise["Compte membre"] == "Oui" and elise["Présent·e"] == "Oui"
    assert elise["Session (heure de Paris)"] == timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M:%S")
    assert f"inscrits-{workshop.slug}-" in response["Content-Disposition"]


def test_xlsx_export_holds_local_times_and_no_illegal_characters(client, staff, session):
    RegistrationFactory(session=session, name="Nom\x07 avec cloche", organisation="+33 1 23")

    response = client.get(f"/admin/ateliers/inscriptions/?session={session.pk}&export=xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    headings, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "Nom" in headings
    assert row["Nom"] == "Nom avec cloche"
    assert row["Association"] == "'+33 1 23"
    starts = timezone.localtime(session.starts_at).replace(tzinfo=None, microsecond=0)
    assert row["Session (heure de Paris)"] == starts
    assert row["Compte membre"] == "Non"


# --- attendance ---------------------------------------------------------------------------------------


def test_attendance_is_marked_once_the_session_has_started(client, staff, workshop):
    started = SessionFactory(page=workshop, starts_in=timedelta(hours=-3))
    came, missed = RegistrationFactory.create_batch(2, session=started)
    waiting = RegistrationFactory(session=started, status="waiting")

    form = client.get(url("attendance", started)).content.decode()
    assert came.name in form and waiting.name not in form
    assert 'type="checkbox"' in form

    response = client.post(url("attendance", started), {"present": [str(came.pk)]}, follow=True)

    assert "1\u00a0présent" in " ".join(messages_of(response))
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.attended is True and missed.attended is False
    waiting.refresh_from_db()
    assert waiting.attended is None


def test_attendance_before_the_session_is_refused(client, staff, session):
    registration = RegistrationFactory(session=session)

    response = client.post(url("attendance", session), {"present": [str(registration.pk)]}, follow=True)

    assert "une fois la session commencée" in " ".join(messages_of(response))
    registration.refresh_from_db()
    assert registration.attended is None


def test_attendance_ignores_someone_not_confirmed(client, staff, workshop):
    started = SessionFactory(page=workshop, starts_in=timedelta(hours=-3))
    waiting = RegistrationFactory(session=started, status="waiting")

    response = client.post(url("attendance", started), {"present": [str(waiting.pk)]})

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.attended is None


def test_export_with_an_unknown_session_is_no_error(client, staff, session):
    RegistrationFactory(session=session)

    for value in ("999999", "abc"):
        response = client.get(f"/admin/ateliers/inscriptions/?session={value}&export=csv")
        assert response.status_code == 200
        listing = client.get(f"/admin/ateliers/inscriptions/?session={value}")
        assert listing.status_code == 200


def test_unknown_session_is_not_found(client, staff):
    for name in ("inspect", "cancel", "capacity", "message", "attendance"):
        assert client.get(f"/admin/ateliers/sessions/{name}/999999/").status_code == 404, name


def test_sessions_filter_by_period(client, staff, agenda):
    from tests.factories.events import WorkshopPageFactory

    SessionFactory(page=WorkshopPageFactory(parent=agenda, title="Atelier Futur"))
    SessionFactory(page=WorkshopPageFactory(parent=agenda, title="Atelier Fini"), starts_in=timedelta(days=-9))
    SessionFactory(page=WorkshopPageFactory(parent=agenda, title="Atelier Annulé"), cancelled_at=timezone.now())

    def titles(period):
        html = client.get("/admin/ateliers/sessions/", {"period": period}).content.decode()
        return {title for title in ("Atelier Futur", "Atelier Fini", "Atelier Annulé") if title in html}

    assert titles("upcoming") == {"Atelier Futur"}
    assert titles("past") == {"Atelier Fini"}
    assert titles("cancelled") == {"Atelier Annulé"}
