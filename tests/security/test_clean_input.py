"""Clean input (home/validators.py): the one-line fields of every public form (names, organisations,
cities, roles) refuse line breaks, control, format and bidirectional characters with a French message,
record nothing, send no e-mail, and show the form again with what was typed. That is what kept
anyone from writing their own paragraph, link included, into the association's e-mails."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.community import HelpRequestPageFactory
from tests.factories.manifesto import ManifestoPageFactory

pytestmark = pytest.mark.django_db

LINE_BREAK = "Écrivez-le sur une seule ligne\u00a0: retirez le retour à la ligne."
INVISIBLE = (
    "Retirez les caractères invisibles (caractères de contrôle, de mise en forme ou de sens d’écriture) de ce champ."
)
HOSTILE = {
    "line feed": ("Ana\n\nVotre compte est bloqué : https://evil.example", LINE_BREAK),
    "carriage return": ("Ana\rBcc: victime@example.org", LINE_BREAK),
    "line separator": ("Ana\u2028Bob", LINE_BREAK),
    "bidi override": ("Ana\u202eelpmaxe.live", INVISIBLE),
    "bidi isolate": ("Ana\u2067Bob\u2069", INVISIBLE),
    "zero-width space": ("Ana\u200bBob", INVISIBLE),
    "escape": ("Ana\x1b[2JBob", INVISIBLE),
}


@pytest.fixture(autouse=True)
def _open_forms(settings):
    settings.MANIFESTO_MIN_FILL_SECONDS = 0
    settings.MANIFESTO_SIGN_RATE = "100000/m"
    settings.COMMUNITY_MIN_FILL_SECONDS = 0
    settings.COMMUNITY_REQUEST_RATE = "100000/m"
    settings.EVENTS_MIN_FILL_SECONDS = 0
    settings.EVENTS_REGISTER_RATE = "100000/m"
    settings.ACCOUNT_RATE_LIMITS = False
    with translation.override("fr"):
        yield


def started():
    from manifesto.tokens import form_started_value

    return form_started_value()


def manifesto_form(home_page, client):
    page = ManifestoPageFactory(parent=home_page)
    profession = page.professions.order_by("sort_order").first()
    data = {
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille.durand@example.org",
        "profession": str(profession.pk),
        "organisation": "Les Amis du Web",
        "city": "Lyon",
        "message": "Je signe.",
        "is_public": "on",
        "consent": "on",
        "website": "",
        "started": started(),
    }

    def recorded():
        from manifesto.models import Signature

        return Signature.objects.exists()

    return page.url, data, ["first_name", "last_name", "organisation", "city"], recorded


def signup_form(home_page, client):
    data = {
        "first_name": "Léa",
        "last_name": "Moreau",
        "email": "lea@example.org",
        "password1": PASSWORD,
        "association": "Jardins partagés de Lille",
        "role": "Trésorière",
    }
    return (
        reverse("account_signup"),
        data,
        ["first_name", "last_name", "association", "role"],
        lambda: get_user_model().objects.filter(email="lea@example.org").exists(),
    )


def profile_form(home_page, client):
    user = UserFactory(first_name="Léa", last_name="Moreau", association="Avant", role="Avant")
    client.force_login(user)
    data = {"first_name": "Léa", "last_name": "Moreau", "association": "Jardins partagés", "role": "Trésorière"}

    def recorded():
        user.refresh_from_db()
        return (user.association, user.role) != ("Avant", "Avant")

    return reverse("account_profile"), data, ["first_name", "last_name", "association", "role"], recorded


def help_request_form(home_page, client):
    page = HelpRequestPageFactory(parent=home_page)
    data = {
        "association": "Les Restos du Quartier",
        "city": "Roubaix",
        "departement": "59",
        "size": "small",
        "cause": "solidarity",
        "skills": ["development"],
        "need": "Notre site est vieux, nous voulons publier les horaires nous-mêmes.",
        "timing": "month",
        "contact_name": "Nadia Benali",
        "contact_email": "nadia@restos-quartier.example.org",
        "contact_phone": "06 12 34 56 78",
        "consent": "on",
        "website": "",
        "started": started(),
    }

    def recorded():
        from community.models import HelpRequest

        return HelpRequest.objects.exists()

    return page.url, data, ["association", "city", "contact_name", "contact_phone"], recorded


def workshop_registration_form(home_page, client):
    from events.forms import VisitorRegistrationForm
    from events.models import AgendaPage, Registration, Session, WorkshopPage
    from home.optin import form_started_value

    agenda = home_page.add_child(instance=AgendaPage(title="Ateliers", slug="ateliers"))
    workshop = agenda.add_child(
        instance=WorkshopPage(title="Écrire pour le web", slug="ecrire", summary="Deux heures pour écrire.")
    )
    starts = timezone.now() + datetime.timedelta(days=10)
    session = Session.objects.create(
        page=workshop, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=10, city="Lyon"
    )
    data = {
        "name": "Nadia Benali",
        "email": "nadia@example.org",
        "organisation": "Les Restos du Quartier",
        "consent": "on",
        "website": "",
        "started": form_started_value(VisitorRegistrationForm.form_salt),
    }
    url = workshop.url + workshop.reverse_subpage("register", kwargs={"session_id": session.pk})
    return url, data, ["name", "organisation"], Registration.objects.exists


FORMS = {
    "manifesto signature": manifesto_form,
    "sign-up": signup_form,
    "profile": profile_form,
    "help request": help_request_form,
    "workshop registration": workshop_registration_form,
}


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("form", list(FORMS))
def test_one_line_fields_refuse_line_breaks_and_invisible_characters(client, home_page, form, kind):
    url, data, fields, recorded = FORMS[form](home_page, client)
    value, message = HOSTILE[kind]
    for field in fields:
        mail.outbox.clear()
        response = client.post(url, {**data, field: value})
        assert response.status_code in (200, 400), (field, response.status_code)
        html = response.content.decode()
        assert message in html, field
        assert not recorded(), field
        assert mail.outbox == [], field
        # The form comes back with what was typed, the refused value included.
        assert 'value="Ana' in html, field
        for other, typed in data.items():
            if other not in (field, "started", "password1", "consent") and isinstance(typed, str) and typed:
                assert typed in html, (field, other)


def test_messages_keep_their_line_breaks_but_not_invisible_characters(client, home_page):
    url, data, _fields, recorded = manifesto_form(home_page, client)
    response = client.post(url, {**data, "message": "Je signe\u202e.nigiro"})
    assert INVISIBLE in response.content.decode() and not recorded()
    response = client.post(url, {**data, "message": "Je signe.\r\nPour mon association."})
    assert response.status_code == 302 and recorded()


def test_the_help_request_need_refuses_invisible_characters(client, home_page):
    url, data, _fields, recorded = help_request_form(home_page, client)
    response = client.post(url, {**data, "need": data["need"] + "\u2066caché\u2069"})
    assert INVISIBLE in response.content.decode() and not recorded()


def test_the_valid_forms_are_taken(client, home_page):
    """The same data without the hostile value goes through: the refusals above are the validator's."""
    for build in FORMS.values():
        client.logout()
        url, data, _fields, recorded = build(home_page, client)
        response = client.post(url, data)
        assert response.status_code == 302, (build.__name__, response.content.decode()[:2000])
        assert recorded(), build.__name__
