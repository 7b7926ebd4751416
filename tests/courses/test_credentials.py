"""Verifiable attestations: Open Badges 3.0 credentials signed with the site's Ed25519 key, checked
with nothing but the key the site publishes."""

import hashlib
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core import checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses import credentials
from tests.factories.accounts import UserFactory
from tests.factories.courses import CertificateFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58decode(text):
    """An independent base58btc decoder, so the check below shares no code with the site's."""
    number = 0
    for char in text:
        number = number * 58 + B58.index(char)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def _jcs(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def verify_with_published_key(credential, issuer_profile):
    """eddsa-jcs-2022 verification from the published Multikey alone (W3C vc-di-eddsa, section 3.3)."""
    proof = dict(credential["proof"])
    method = next(m for m in issuer_profile["verificationMethod"] if m["id"] == proof["verificationMethod"])
    raw = _b58decode(method["publicKeyMultibase"][1:])
    assert raw[:2] == b"\xed\x01"
    key = Ed25519PublicKey.from_public_bytes(raw[2:])
    signature = _b58decode(proof.pop("proofValue")[1:])
    document = {k: v for k, v in credential.items() if k != "proof"}
    options = {"@context": document["@context"], **proof}
    key.verify(signature, hashlib.sha256(_jcs(options)).digest() + hashlib.sha256(_jcs(document)).digest())


@pytest.fixture
def certificate(course):
    user = UserFactory(first_name="Łucja", last_name="Wiśniewska-Nguyễn")
    enrollment = EnrollmentFactory(user=user, course=course)
    return CertificateFactory(enrollment=enrollment)


def _download(client, certificate):
    client.force_login(certificate.enrollment.user)
    response = client.get(reverse("courses:certificate_credential", kwargs={"code": certificate.code}))
    assert response.status_code == 200
    return response, json.loads(response.content)


def _check(client, credential_bytes):
    upload = SimpleUploadedFile("attestation.json", credential_bytes, content_type="application/json")
    return client.post(reverse("courses:credential_check"), {"credential": upload})


def test_learner_downloads_a_signed_open_badge_that_verifies_with_the_published_key(client, certificate):
    response, credential = _download(client, certificate)
    assert response["Content-Disposition"] == f'attachment; filename="attestation-{certificate.code}.json"'
    assert response["Cache-Control"] == "private, no-store"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    subject = credential["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "Łucja Wiśniewska-Nguyễn"
    assert subject["achievement"]["name"] == certificate.course_title
    assert credential["id"].endswith(reverse("courses:certificate_verify", kwargs={"code": certificate.code}))
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"

    client.logout()
    issuer = client.get(reverse("courses:credential_issuer"))
    assert issuer["Content-Type"].startswith("application/ld+json")
    assert "public" in issuer["Cache-Control"]
    profile = json.loads(issuer.content)
    assert profile["id"] == credential["issuer"]["id"]
    assert credential["proof"]["verificationMethod"] in profile["assertionMethod"]
    verify_with_published_key(credential, profile)

    tampered = json.loads(json.dumps(credential))
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Quelqu’un d’autre"
    with pytest.raises(InvalidSignature):
        verify_with_published_key(tampered, profile)


def test_public_check_of_a_genuine_file_names_the_learner_and_the_course(client, certificate):
    response, _credential = _download(client, certificate)
    client.logout()
    page = _check(client, response.content)
    assert page.status_code == 200
    text = page.content.decode()
    assert "La signature est valide" in text
    assert "Łucja Wiśniewska-Nguyễn" in text


def test_public_check_says_a_changed_file_is_not_valid(client, certificate):
    _response, credential = _download(client, certificate)
    credential["credentialSubject"]["achievement"]["name"] = "Formation jamais suivie"
    page = _check(client, json.dumps(credential).encode())
    assert "a été modifié depuis sa signature" in page.content.decode()
    assert "Łucja" not in page.content.decode()


def test_public_check_refuses_a_file_signed_with_another_key(client, certificate, settings):
    _response, credential = _download(client, certificate)
    settings.CREDENTIALS_SIGNING_KEY = credentials.new_private_key_text()
    page = _check(client, json.dumps(credential).encode())
    assert "n’est pas une attestation signée par l’association" in page.content.decode()


def test_a_deleted_attestation_is_reported_as_no_longer_held(client, certificate):
    response, _credential = _download(client, certificate)
    certificate.delete()
    page = _check(client, response.content)
    assert "n’est plus détenue par l’association" in page.content.decode()


@pytest.mark.parametrize(
    "payload",
    [b"", b"not json", b"[]", b'{"proof": 3}', "é".encode("latin-1"), b'{"proof": {"type": "DataIntegrityProof"}}'],
)
def test_anything_uploaded_gets_a_clear_answer_never_an_error(client, payload):
    page = _check(client, payload)
    assert page.status_code == 200
    assert "n’est pas une attestation signée par l’association" in page.content.decode()


def test_the_check_form_without_a_file_says_what_to_do(client):
    page = client.post(reverse("courses:credential_check"), {})
    assert page.status_code == 400
    assert "Choisissez le fichier" in page.content.decode()


def test_only_the_learner_can_download_their_credential(client, certificate):
    url = reverse("courses:certificate_credential", kwargs={"code": certificate.code})
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("courses:certificate_credential", kwargs={"code": "%00é'; --"})).status_code == 404


def test_rotated_keys_keep_old_credentials_valid_and_sign_new_ones_with_the_new_key(client, certificate, settings):
    old_response, old_credential = _download(client, certificate)
    old_public = credentials.public_key_multibase(credentials.signing_key().public_key())
    settings.CREDENTIALS_SIGNING_KEY = credentials.new_private_key_text()
    settings.CREDENTIALS_PREVIOUS_PUBLIC_KEYS = [old_public]
    _new_response, new_credential = _download(client, certificate)
    assert new_credential["proof"]["verificationMethod"] != old_credential["proof"]["verificationMethod"]
    profile = json.loads(client.get(reverse("courses:credential_issuer")).content)
    assert len(profile["verificationMethod"]) == 2
    verify_with_published_key(old_credential, profile)
    verify_with_published_key(new_credential, profile)
    assert "La signature est valide" in _check(client, old_response.content).content.decode()


def test_development_generates_a_key_once_and_keeps_it(settings, tmp_path):
    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.CREDENTIALS_KEY_FILE = str(tmp_path / "key")
    first = credentials.public_key_multibase(credentials.signing_key().public_key())
    credentials._generated.clear()
    assert credentials.public_key_multibase(credentials.signing_key().public_key()) == first
    assert (tmp_path / "key").stat().st_mode & 0o777 == 0o600


def test_deploy_check_warns_when_no_key_is_configured(settings):
    from courses.apps import credentials_key_check

    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.CREDENTIALS_KEY_FILE = ""
    assert [w.id for w in credentials_key_check(None)] == ["courses.W001"]
    assert all(isinstance(w, checks.Warning) for w in credentials_key_check(None))


def test_without_a_key_the_download_is_a_clear_404(client, certificate, settings):
    settings.CREDENTIALS_SIGNING_KEY = ""
    settings.CREDENTIALS_KEY_FILE = ""
    client.force_login(certificate.enrollment.user)
    response = client.get(reverse("courses:certificate_credential", kwargs={"code": certificate.code}))
    assert response.status_code == 404
