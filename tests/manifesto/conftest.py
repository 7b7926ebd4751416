import re

import pytest
from django.core import mail

from tests.factories.manifesto import ManifestoPageFactory


@pytest.fixture
def manifesto(home_page):
    return ManifestoPageFactory(parent=home_page)


@pytest.fixture
def fast_form(settings):
    """No minimum fill time, no rate limit in the way: tests of the rest of the flow."""
    settings.MANIFESTO_MIN_FILL_SECONDS = 0
    settings.MANIFESTO_SIGN_RATE = "1000/m"
    settings.MANIFESTO_EMAIL_RATE = "1000/m"
    return settings


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def confirm_link(message):
    return next(link for link in links_in(message) if "/confirm/" in link)


def withdraw_link(message):
    return next(link for link in links_in(message) if "/retrait/" in link)


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` run only on PostgreSQL (their subject is its concurrency)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


def sign_data(manifesto, **overrides):
    """POST data of a valid signature, with a form time stamp from long enough ago."""
    from manifesto.tokens import form_started_value

    profession = manifesto.professions.order_by("sort_order").first()
    data = {
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille.durand@example.org",
        "profession": str(profession.pk) if profession else "other",
        "profession_other": "" if profession else "Photographe",
        "organisation": "Les Amis du Web",
        "city": "Lyon",
        "message": "Je signe.",
        "skills": ["accessibility", "writing"],
        "is_public": "on",
        "consent": "on",
        "website": "",
        "started": form_started_value(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
