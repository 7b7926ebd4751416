"""The public help request form: French messages, nothing typed lost, double opt-in, anti-spam."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from community.models import HelpRequest, HelpRequestPage, Status
from community.purge import purge_unconfirmed
from tests.community.conftest import link_with, request_data
from tests.factories.community import HelpRequestFactory

pytestmark = pytest.mark.django_db

URL = "/demander-un-accompagnement/"


def test_page_is_a_child_of_the_home_page_only(help_page, home_page):
    assert HelpRequestPage.can_create_at(home_page) is False  # max_count = 1, already there
    assert HelpRequestPage.allowed_parent_page_models() == [type(home_page)]
    assert HelpRequestPage.allowed_subpage_models() == []


def test_form_shows_every_question_in_french(client, help_page):
    html = client.get(URL).content.decode()
    for text in (
        "Nom de l’association",
        "Département",
        "Taille de l’association",
        "Compétences dont vous avez besoin",
        "Votre besoin, en quelques mots",
        "Quand avez-vous besoin d’aide",
        "Téléphone (facultatif)",
        "Accessibilité",  # the manifesto's list of skills
        "59 – Nord",
    ):
        assert text in html, text


def test_request_is_kept_unconfirmed_and_a_french_confirmation_link_is_sent(client, help_page, fast_form, outbox):
    response = client.post(URL, request_data())
    assert response.status_code == 302 and response["Location"] == URL + "merci/"
    assert "Consultez votre messagerie" in client.get(URL + "merci/").content.decode()
    help_request = HelpRequest.objects.get()
    assert help_request.confirmed_at is None and help_request.consent_at is not None
    assert help_request.skills == ["development", "writing"]
    assert len(outbox) == 1 and outbox[0].to == ["nadia@restos-quartier.example.org"]
    assert "Confirmez" in outbox[0].subject
    confirm = link_with(outbox[0], "/confirmer/")
    assert "Confirmez votre demande" in client.get(confirm).content.decode()
    assert HelpRequest.objects.get().confirmed_at is None  # a GET (mail scanners) confirms nothing
    client.post(confirm)
    assert HelpRequest.objects.get().confirmed_at is not None
    assert "Votre demande est confirmée" in client.get(confirm).content.decode()


def test_bad_input_gets_french_messages_and_keeps_what_was_typed(client, help_page, fast_form):
    response = client.post(
        URL,
        request_data(departement="100", skills=None, contact_email="pas-une-adresse", consent=None, need="Aide"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Erreur" in html
    assert "Choisissez votre département dans la liste." in html
    assert "Cochez au moins une compétence" in html
    assert "Saisissez une adresse e-mail comme nom@exemple.fr." in html
    assert "Cochez cette case pour envoyer la demande" in html
    assert "Décrivez votre besoin en une phrase ou deux (20 caractères au moins)." in html
    assert 'value="Les Restos du Quartier"' in html and 'value="Roubaix"' in html
    assert 'value="06 12 34 56 78"' in html
    assert 'href="#id_departement"' in html  # the summary links to the field
    assert not HelpRequest.objects.exists()


def test_a_form_filled_too_fast_is_shown_again_and_keeps_nothing(client, help_page, settings):
    settings.COMMUNITY_MIN_FILL_SECONDS = 3
    response = client.post(URL, request_data())
    assert response.status_code == 200
    assert "Vérifiez vos informations et envoyez de nouveau le formulaire." in response.content.decode()
    assert 'value="Les Restos du Quartier"' in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_the_honeypot_answers_as_usual_and_keeps_nothing(client, help_page, fast_form, outbox):
    response = client.post(URL, request_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not HelpRequest.objects.exists() and not outbox


def test_too_many_requests_from_one_address_get_the_429_page(client, help_page, fast_form):
    fast_form.COMMUNITY_REQUEST_RATE = "2/h"
    for _ in range(2):
        client.post(URL, request_data())
    response = client.post(URL, request_data())
    assert response.status_code == 429
    assert HelpRequest.objects.count() == 2


def test_one_address_gets_a_few_e_mails_an_hour_at_most(client, help_page, fast_form, outbox):
    fast_form.COMMUNITY_EMAIL_RATE = "2/h"
    for _ in range(4):
        client.post(URL, request_data(contact_email="Nadia+asso@Restos-Quartier.example.org"))
    assert len(outbox) == 2


def test_forged_and_expired_links_change_nothing(client, help_page, fast_form, outbox):
    client.post(URL, request_data())
    confirm = link_with(outbox[0], "/confirmer/")
    assert client.post(confirm[:-3] + "xx/").status_code == 404
    with freeze_time(timezone.now() + datetime.timedelta(days=8)):
        response = client.post(confirm)
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    assert HelpRequest.objects.get().confirmed_at is None


def test_unconfirmed_requests_are_deleted_after_a_week(help_page):
    old = HelpRequestFactory(page=help_page, confirmed_at=None)
    HelpRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    recent = HelpRequestFactory(page=help_page, confirmed_at=None)
    confirmed = HelpRequestFactory(page=help_page, status=Status.NEW)
    HelpRequest.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    assert purge_unconfirmed() == 1
    assert set(HelpRequest.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
