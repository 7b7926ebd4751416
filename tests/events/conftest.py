import re

import pytest
from django.core import mail
from django.test import Client, TestCase

from tests.factories.events import AgendaPageFactory, WorkshopPageFactory


class CommittingClient(Client):
    """Runs each request's on-commit callbacks (the e-mails) once it is answered, as the commit of a
    real request would: the test's own transaction never commits."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def agenda(home_page):
    return AgendaPageFactory(parent=home_page)


@pytest.fixture
def workshop(agenda):
    return WorkshopPageFactory(parent=agenda, title="Atelier RGPD", slug="atelier-rgpd")


@pytest.fixture
def webinar(agenda):
    return WorkshopPageFactory(parent=agenda, title="Webinaire lettre d’information", slug="webinaire", format="online")


@pytest.fixture
def fast_form(settings):
    """No minimum fill time and no rate limit in the way of the rest of the flow."""
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.EVENTS_REGISTER_RATE = "1000/m"
    settings.EVENTS_EMAIL_RATE = "1000/m"
    return settings


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture(autouse=True)
def _own_cache_stamp(settings, tmp_path):
    settings.PAGE_CACHE_STAMP_FILE = str(tmp_path / "page-cache.stamp")


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def link_with(message, part):
    return next(link for link in links_in(message) if part in link)


def visitor_data(**overrides):
    from home.optin import form_started_value

    data = {
        "name": "Camille Durand",
        "email": "camille.durand@example.org",
        "organisation": "Les Amis du Web",
        "consent": "on",
        "website": "",
        "started": form_started_value("events.form-started"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
