"""The video-meeting link reaches confirmed participants only (their e-mail, calendar file and
"Mes formations"), never a page's HTML; the public calendar file parses back (RFC 5545)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories.accounts import UserFactory
from tests.factories.events import RegistrationFactory, SessionFactory

from .conftest import link_with, visitor_data

pytestmark = pytest.mark.django_db

MEETING = "https://visio.example.org/salle-secrete-42"


@pytest.fixture
def online_session(webinar):
    return SessionFactory(page=webinar, venue="", address="", city="", meeting_url=MEETING)


def test_meeting_link_is_in_no_public_page(client, webinar, online_session):
    for url in ("/", "/ateliers/", webinar.url, webinar.url + f"inscription/{online_session.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert MEETING not in response.content.decode(), url
    ics = client.get(webinar.url + f"session/{online_session.pk}/calendrier/")
    assert ics.status_code == 200
    assert MEETING not in ics.content.decode()


def test_meeting_link_is_hidden_from_members_waiting_or_unconfirmed(client, webinar, online_session):
    waiting = UserFactory()
    RegistrationFactory(session=online_session, user=waiting, email=waiting.email, status="waiting")
    client.force_login(waiting)

    assert MEETING not in client.get(webinar.url).content.decode()
    assert MEETING not in client.get("/mes-formations/").content.decode()


def test_confirmed_member_sees_the_link_in_my_courses_but_not_on_the_page(client, webinar, online_session, outbox):
    member = UserFactory()
    client.force_login(member)

    client.post(webinar.url + f"inscription/{online_session.pk}/")

    assert MEETING not in client.get(webinar.url).content.decode()
    dashboard = client.get("/mes-formations/").content.decode()
    assert MEETING in dashboard
    assert MEETING in outbox[0].body
    calendar = Calendar.from_ical(outbox[0].attachments[0][1])
    assert MEETING in str(calendar.walk("VEVENT")[0]["location"])


def test_visitor_gets_the_link_only_once_confirmed(client, webinar, online_session, outbox, fast_form):
    client.post(webinar.url + f"inscription/{online_session.pk}/", visitor_data())
    assert MEETING not in outbox[0].body

    confirm = link_with(outbox[0], "/confirmer/")
    before = client.get(confirm).content.decode()
    client.post(confirm)
    after = client.get(confirm).content.decode()

    assert MEETING not in before and MEETING not in after
    assert MEETING in outbox[1].body


def test_waiting_list_email_has_no_link(client, webinar, outbox):
    session = SessionFactory(page=webinar, capacity=1, venue="", address="", meeting_url=MEETING)
    RegistrationFactory(session=session)
    client.force_login(UserFactory())

    client.post(webinar.url + f"inscription/{session.pk}/")

    assert "liste d’attente" in outbox[0].subject
    assert MEETING not in outbox[0].body


def test_calendar_file_parses_back(client, workshop):
    starts = (timezone.now() + timedelta(days=8)).replace(microsecond=0)
    session = SessionFactory(page=workshop, starts_at=starts, ends_at=starts + timedelta(hours=3))

    response = client.get(workshop.url + f"session/{session.pk}/calendrier/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "Atelier RGPD"
    assert event["dtstart"].dt == starts
    assert event["dtend"].dt == starts + timedelta(hours=3)
    assert "Maison des associations" in str(event["location"])
    assert str(event["url"]).endswith(workshop.url)
    assert str(event["uid"]).startswith(f"session-{session.pk}@")
    assert str(event["status"]) == "CONFIRMED"


def test_calendar_of_a_cancelled_session_says_so(client, workshop):
    session = SessionFactory(page=workshop, cancelled_at=timezone.now())

    calendar = Calendar.from_ical(client.get(workshop.url + f"session/{session.pk}/calendrier/").content)

    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_dashboard_lists_upcoming_and_past_sessions(client, workshop):
    member = UserFactory()
    upcoming = SessionFactory(page=workshop, starts_in=timedelta(days=4))
    past = SessionFactory(page=workshop, starts_in=timedelta(days=-20))
    RegistrationFactory(session=upcoming, user=member, email=member.email)
    RegistrationFactory(session=past, user=member, email=member.email, attended=True)
    client.force_login(member)

    html = client.get("/mes-formations/").content.decode()

    assert "Mes ateliers" in html
    assert upcoming.date_label in html and past.date_label in html
    assert "Annuler mon inscription" in html
    assert "présent·e" in html
