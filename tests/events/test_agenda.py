"""The agenda as visitors meet it: upcoming sessions soonest first, filters that work without
JavaScript (plain GET forms), the archive, the next three on the home page and the linked sessions
on a course page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, ThemeFactory
from tests.factories.events import SessionFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db


def titles_in_order(html, titles):
    """The titles as they come in the page, among ``titles``."""
    found = sorted((html.index(title), title) for title in titles if title in html)
    return [title for _position, title in found]


def test_agenda_lists_upcoming_sessions_soonest_first(client, agenda):
    later = WorkshopPageFactory(parent=agenda, title="Atelier Plus Tard")
    sooner = WorkshopPageFactory(parent=agenda, title="Atelier Bientôt")
    over = WorkshopPageFactory(parent=agenda, title="Atelier Passé")
    SessionFactory(page=later, starts_in=timedelta(days=30))
    SessionFactory(page=sooner, starts_in=timedelta(days=3))
    SessionFactory(page=over, starts_in=timedelta(days=-3))

    response = client.get("/ateliers/")

    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in_order(html, ["Atelier Plus Tard", "Atelier Bientôt", "Atelier Passé"]) == [
        "Atelier Bientôt",
        "Atelier Plus Tard",
    ]
    assert "2\u00a0sessions" in html


def test_session_in_progress_is_still_listed_but_closed(client, workshop):
    SessionFactory(page=workshop, starts_in=timedelta(minutes=-30))

    html = client.get("/ateliers/").content.decode()

    assert "Atelier RGPD" in html
    assert "Inscriptions closes" in html


def test_archive_lists_past_sessions_most_recent_first(client, agenda):
    old = WorkshopPageFactory(parent=agenda, title="Atelier Ancien")
    recent = WorkshopPageFactory(parent=agenda, title="Atelier Récent")
    coming = WorkshopPageFactory(parent=agenda, title="Atelier À Venir")
    SessionFactory(page=old, starts_in=timedelta(days=-60))
    SessionFactory(page=recent, starts_in=timedelta(days=-5))
    SessionFactory(page=coming, starts_in=timedelta(days=5))

    response = client.get("/ateliers/archives/")

    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in_order(html, ["Atelier Ancien", "Atelier Récent", "Atelier À Venir"]) == [
        "Atelier Récent",
        "Atelier Ancien",
    ]
    assert 'href="/ateliers/archives/"' in client.get("/ateliers/").content.decode()


def test_filters_by_theme_format_place_and_month_with_a_plain_get_form(client, agenda):
    privacy = ThemeFactory(name="Données personnelles", slug="donnees")
    web = ThemeFactory(name="Site web", slug="site-web")
    rgpd = WorkshopPageFactory(parent=agenda, title="Atelier Données", theme=privacy)
    site = WorkshopPageFactory(parent=agenda, title="Atelier Site", theme=web, format="drop_in")
    online = WorkshopPageFactory(parent=agenda, title="Webinaire Lettre", theme=web, format="online")
    in_lyon = SessionFactory(page=rgpd, starts_in=timedelta(days=5), city="Lyon")
    SessionFactory(page=site, starts_in=timedelta(days=40), city="Villeurbanne")
    SessionFactory(page=online, starts_in=timedelta(days=6), city="", venue="", address="")
    all_titles = ["Atelier Données", "Atelier Site", "Webinaire Lettre"]

    page = client.get("/ateliers/").content.decode()
    assert '<form class="course-filters" method="get"' in page
    assert 'name="theme"' in page and 'name="format"' in page and 'name="place"' in page and 'name="month"' in page

    by_theme = client.get("/ateliers/", {"theme": "site-web"}).content.decode()
    assert titles_in_order(by_theme, all_titles) == ["Webinaire Lettre", "Atelier Site"]

    by_format = client.get("/ateliers/", {"format": "drop_in"}).content.decode()
    assert titles_in_order(by_format, all_titles) == ["Atelier Site"]

    online_only = client.get("/ateliers/", {"place": "online"}).content.decode()
    assert titles_in_order(online_only, all_titles) == ["Webinaire Lettre"]

    in_city = client.get("/ateliers/", {"place": "Lyon"}).content.decode()
    assert titles_in_order(in_city, all_titles) == ["Atelier Données"]

    month = timezone.localtime(in_lyon.starts_at).strftime("%Y-%m")
    by_month = client.get("/ateliers/", {"month": month}).content.decode()
    assert "Atelier Données" in by_month
    expected = {
        title
        for title, days in (("Atelier Données", 5), ("Atelier Site", 40), ("Webinaire Lettre", 6))
        if timezone.localtime(timezone.now() + timedelta(days=days)).strftime("%Y-%m") == month
    }
    assert set(titles_in_order(by_month, all_titles)) == expected

    combined = client.get("/ateliers/", {"theme": "site-web", "format": "online"}).content.decode()
    assert titles_in_order(combined, all_titles) == ["Webinaire Lettre"]


def test_unknown_filter_value_is_reported_and_lists_everything(client, workshop):
    SessionFactory(page=workshop)

    response = client.get("/ateliers/", {"theme": "nope", "month": "2020-13"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Atelier RGPD" in html
    assert "Sélectionnez un choix valide" in html


def test_no_match_offers_every_session(client, workshop):
    SessionFactory(page=workshop, city="Lyon")

    html = client.get("/ateliers/", {"format": "online"}).content.decode()

    assert "Atelier RGPD" not in html.split("<main", 1)[1].split("session-list")[0] or "session-list" not in html
    assert "Aucune session à venir ne correspond" in html


def test_cancelled_session_shows_annulee_in_the_agenda(client, workshop):
    SessionFactory(page=workshop, cancelled_at=timezone.now())

    html = client.get("/ateliers/").content.decode()

    assert "Annulée" in html


def test_home_page_shows_the_next_three_sessions(client, agenda):
    for days in (9, 2, 5, 30):
        SessionFactory(
            page=WorkshopPageFactory(parent=agenda, title=f"Atelier J+{days}"), starts_in=timedelta(days=days)
        )
    cancelled = WorkshopPageFactory(parent=agenda, title="Atelier Annulé")
    SessionFactory(page=cancelled, starts_in=timedelta(days=1), cancelled_at=timezone.now())

    html = client.get("/").content.decode()

    titles = ["Atelier J+9", "Atelier J+2", "Atelier J+5", "Atelier J+30", "Atelier Annulé"]
    assert titles_in_order(html, titles) == ["Atelier J+2", "Atelier J+5", "Atelier J+9"]
    assert 'href="/ateliers/"' in html


def test_home_page_without_sessions_has_no_empty_section(client, agenda):
    html = client.get("/").content.decode()

    assert "next-sessions-title" not in html


def test_course_page_shows_its_upcoming_linked_sessions(client, home_page, agenda):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="La lettre d’information")
    linked = WorkshopPageFactory(parent=agenda, title="Atelier Lié", course=course)
    other = WorkshopPageFactory(parent=agenda, title="Atelier Sans Lien")
    SessionFactory(page=linked, starts_in=timedelta(days=4))
    SessionFactory(page=linked, starts_in=timedelta(days=-4))
    SessionFactory(page=other, starts_in=timedelta(days=4))

    html = client.get(course.url).content.decode()

    assert "Atelier Lié" in html
    assert "Atelier Sans Lien" not in html
    assert html.count('class="card session-card') == 1


def test_workshop_page_lists_its_dates_and_links_the_course(client, home_page, workshop):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Le RGPD pas à pas")
    workshop.course = course
    workshop.save_revision().publish()
    SessionFactory(page=workshop, starts_in=timedelta(days=3), capacity=12)
    SessionFactory(page=workshop, starts_in=timedelta(days=-30))

    html = client.get(workshop.url).content.decode()

    assert "12\u00a0places restantes" in html
    assert "Le RGPD pas à pas" in html
    assert "Sessions passées" in html
