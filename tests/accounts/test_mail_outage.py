"""A mail server that is down never turns a sign-up or a password reset into a server error: the
account is kept, the page says in French what happened, and the e-mail goes through a django-tasks
task (home/mail.py) that tries again later when the tasks backend can run it later."""

import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse
from django_tasks import default_task_backend

from home.mail import FAILED, RETRY_DELAYS, RETRYING, SENT, message_data, send_email
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Léa",
    "last_name": "Moreau",
    "email": "lea@example.org",
    "password1": PASSWORD,
    "association": "Jardins partagés de Lille",
    "role": "Trésorière",
}
SIGNUP_MESSAGE = "Votre compte est bien enregistré, mais l’e-mail avec le lien de confirmation n’a pas pu partir"
RESET_MESSAGE = "L’e-mail avec le lien pour choisir un nouveau mot de passe n’a pas pu partir"


@pytest.fixture
def smtp_down(monkeypatch):
    calls = []

    def refuse(self, messages):
        calls.append(messages)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    return calls


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _open_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = False


def test_sign_up_with_the_mail_server_down_keeps_the_account_and_says_so(client, smtp_down):
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)

    assert response.status_code == 200
    assert get_user_model().objects.filter(email="lea@example.org").exists()
    assert smtp_down  # the e-mail was tried
    assert SIGNUP_MESSAGE in response.content.decode()


def test_sign_up_with_a_known_address_gets_the_same_answer(client, smtp_down):
    UserFactory(email="lea@example.org")
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)
    assert response.status_code == 200
    assert SIGNUP_MESSAGE in response.content.decode()


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_with_the_mail_server_down_says_so_for_any_address(client, home_page, smtp_down, known):
    if known:
        UserFactory(email="camille@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "camille@example.org"}, follow=True)
    assert response.status_code == 200
    assert RESET_MESSAGE in response.content.decode()


def test_sign_up_with_the_mail_server_up_sends_the_e_mail_through_the_task(client):
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)
    assert response.status_code == 200
    assert [message.to for message in mail.outbox] == [["lea@example.org"]]
    assert "n’a pas pu partir" not in response.content.decode()


@pytest.fixture
def deferred_backend(settings):
    """A tasks backend that keeps tasks for later, as the database backend does in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_with_a_worker_a_failed_send_is_tried_again_later_then_recorded_as_failed(deferred_backend, smtp_down):
    data = message_data(mail.EmailMessage("Objet", "Corps", "site@example.org", ["lea@example.org"]))

    assert send_email.call(data) == RETRYING
    (retry,) = deferred_backend.results
    assert retry.kwargs == {"attempt": 2} and retry.args == [data]
    assert retry.task.run_after is not None

    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_email.call(data, attempt=len(RETRY_DELAYS) + 1)  # the last attempt fails for good
    assert len(deferred_backend.results) == 1


def test_with_a_worker_the_page_says_the_e_mail_will_leave_later(client, deferred_backend):
    # The request only queues the task: nothing to say, the usual "check your mailbox" page.
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)
    assert response.status_code == 200 and "serveur d’envoi" not in response.content.decode()
    (queued,) = deferred_backend.results
    assert queued.args[0]["to"] == ["lea@example.org"]


def test_the_task_sends_once_the_server_is_back():
    data = message_data(mail.EmailMessage("Objet", "Corps", "site@example.org", ["lea@example.org"]))
    assert send_email.call(data, attempt=3) == SENT
    assert mail.outbox[-1].subject == "Objet"
    assert FAILED != SENT
