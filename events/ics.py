"""Calendar files (RFC 5545, the ``icalendar`` library) for a session.

The public file ("Ajouter à mon agenda") never holds the meeting link; the file attached to a
confirmed participant's e-mail does.
"""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Webassoc//Ateliers//FR"


def _uid(session):
    domain = (getattr(settings, "ALLOWED_HOSTS", None) or ["webassoc"])[0].lstrip(".") or "webassoc"
    if domain == "*":
        domain = "webassoc"
    return f"session-{session.pk}@{domain}"


def session_calendar(session, page_url="", with_meeting_link=False, sequence=0):
    """The bytes of a calendar holding one event: the session."""
    page = session.page
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", _uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", page.title)
    event.add("sequence", sequence)
    description = [page.summary]
    if page.is_online:
        location = "En ligne"
        if with_meeting_link and session.meeting_url:
            location = session.meeting_url
            description.append(f"Lien de la visioconférence : {session.meeting_url}")
    else:
        location = session.place_label
        if session.access_info:
            description.append(f"Accès : {session.access_info}")
    if location:
        event.add("location", location)
    if page_url:
        event.add("url", page_url)
        description.append(page_url)
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
