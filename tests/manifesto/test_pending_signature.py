"""A signature awaiting confirmation belongs to whoever created it: a later submission of the same
address from elsewhere changes nothing in it (name, message, visibility, newsletter consent), the
owner is told by e-mail, and the page answers exactly as for a first signature. Moderators cannot
publish a signature its signatory kept off the public list, nor tick the newsletter for them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from manifesto.models import Signature
from tests.factories.manifesto import SignatureFactory
from tests.manifesto.conftest import confirm_link, sign_data, withdraw_link

pytestmark = pytest.mark.django_db

PENDING_URL = "/manifeste/merci/"
OWNER = {
    "first_name": "Camille",
    "last_name": "Durand",
    "message": "Je signe pour mon association.",
    "is_public": None,  # not ticked: counted, never listed
    "organisation": "Les Amis du Web",
}
INTRUDER = {
    "first_name": "Usurpateur",
    "last_name": "Malin",
    "message": "Texte publié au nom d’une autre personne",
    "is_public": "on",
    "newsletter": "on",
    "organisation": "Ailleurs",
}
FIELDS = ("first_name", "last_name", "message", "is_public", "newsletter", "organisation", "role", "language")


def snapshot(signature):
    signature.refresh_from_db()
    return {name: getattr(signature, name) for name in FIELDS}


def test_a_second_submission_from_elsewhere_changes_nothing_and_tells_the_owner(client, manifesto, fast_form, outbox):
    first = client.post("/manifeste/", sign_data(manifesto, **OWNER))
    signature = Signature.objects.get()
    before = snapshot(signature)
    assert before["is_public"] is False and before["newsletter"] is False

    intruder = Client()
    second = intruder.post("/manifeste/", sign_data(manifesto, **INTRUDER))

    # The same answer as a first signature: nothing tells the intruder the address was known.
    assert (second.status_code, second["Location"]) == (first.status_code, first["Location"]) == (302, PENDING_URL)
    first_page, second_page = client.get(PENDING_URL), intruder.get(PENDING_URL)
    assert second_page.status_code == first_page.status_code == 200
    assert "Consultez votre messagerie" in second_page.content.decode()
    assert Signature.objects.count() == 1
    assert snapshot(signature) == before

    # The owner is told, in an e-mail that carries nothing the intruder typed.
    message = outbox[-1]
    assert message.to == ["camille.durand@example.org"]
    assert message.subject.startswith("Votre signature de «") and message.subject.endswith("» attend sa confirmation")
    assert "nous n’y avons rien changé" in message.body
    assert "Bonjour Camille" in message.body
    for typed in ("Usurpateur", "Malin", "Texte publié", "Ailleurs"):
        assert typed not in message.body
    assert withdraw_link(message)

    # The owner's link confirms the owner's signature, as typed, and shows what it confirms.
    page = client.get(confirm_link(message)).content.decode()
    assert "Camille Durand" in page and "Je signe pour mon association." in page
    assert "Votre nom n’est pas affiché" in page and "Usurpateur" not in page
    client.post(confirm_link(message))
    assert snapshot(signature) == before
    assert "Durand" not in client.get("/manifeste/signataires/").content.decode()


def test_asking_for_the_e_mail_again_from_elsewhere_changes_nothing_either(client, manifesto, fast_form, outbox):
    client.post("/manifeste/", sign_data(manifesto, **OWNER))
    signature = Signature.objects.get()
    before = snapshot(signature)
    intruder = Client()
    intruder.post("/manifeste/", sign_data(manifesto, **INTRUDER))
    intruder.post(PENDING_URL)  # "send the e-mail again"
    assert snapshot(signature) == before
    assert outbox[-1].to == ["camille.durand@example.org"] and "Usurpateur" not in outbox[-1].body


def test_the_browser_that_signed_can_still_correct_its_own_pending_signature(client, manifesto, fast_form, outbox):
    client.post("/manifeste/", sign_data(manifesto, **OWNER))
    client.post("/manifeste/", sign_data(manifesto, **{**OWNER, "first_name": "Camilla", "correction": "1"}))
    assert Signature.objects.get().first_name == "Camilla"
    assert "/confirm/" in outbox[-1].body


def moderator(client):
    user = get_user_model().objects.create_user(email="moderation@example.org", password="x-correct-horse-42")
    user.groups.add(Group.objects.get(name="Modération"))
    client.force_login(user)
    return user


def test_moderators_cannot_publish_a_private_signature_nor_set_the_newsletter(client, manifesto):
    signature = SignatureFactory(manifesto=manifesto, is_public=False, newsletter=False, confirmed=True)
    moderator(client)
    url = f"/admin/snippets/manifesto/signature/edit/{signature.pk}/"
    html = client.get(url).content.decode()
    assert 'name="is_public"' not in html and 'name="newsletter"' not in html
    assert 'name="is_hidden"' in html  # hiding stays a moderator's decision
    response = client.post(
        url,
        {
            "first_name": signature.first_name,
            "last_name": signature.last_name,
            "role": signature.role,
            "organisation": signature.organisation,
            "city": signature.city,
            "message": signature.message,
            "is_public": "on",
            "newsletter": "on",
            "is_hidden": "on",
        },
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert (signature.is_public, signature.newsletter, signature.is_hidden) == (False, False, True)
