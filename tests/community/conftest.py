import re

import pytest
from django.core import mail

from tests.factories.community import HelpRequestPageFactory, VolunteerIndexPageFactory


@pytest.fixture
def help_page(home_page):
    return HelpRequestPageFactory(parent=home_page)


@pytest.fixture
def volunteers_page(home_page):
    return VolunteerIndexPageFactory(parent=home_page)


@pytest.fixture
def fast_form(settings):
    settings.COMMUNITY_MIN_FILL_SECONDS = 0
    settings.COMMUNITY_REQUEST_RATE = "1000/m"
    settings.COMMUNITY_EMAIL_RATE = "1000/m"
    return settings


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def link_with(message, part):
    return next(link for link in links_in(message) if part in link)


def request_data(**overrides):
    """POST data of a valid help request, with a form time stamp from long enough ago."""
    from manifesto.tokens import form_started_value

    data = {
        "association": "Les Restos du Quartier",
        "city": "Roubaix",
        "departement": "59",
        "size": "small",
        "cause": "solidarity",
        "skills": ["development", "writing"],
        "need": "Notre site est vieux, nous voulons publier les horaires des distributions nous-mêmes.",
        "timing": "month",
        "contact_name": "Nadia Benali",
        "contact_email": "nadia@restos-quartier.example.org",
        "contact_phone": "06 12 34 56 78",
        "consent": "on",
        "website": "",
        "started": form_started_value(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
