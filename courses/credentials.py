"""Attestations as verifiable credentials: Open Badges 3.0 ``OpenBadgeCredential``s signed with Ed25519.

Each course attestation can be downloaded as a JSON-LD credential that anyone can check without
asking the site: it carries a W3C Data Integrity proof with the ``eddsa-jcs-2022`` cryptosuite
(https://www.w3.org/TR/vc-di-eddsa/): the document and the proof options are canonicalised with the
JSON Canonicalization Scheme (RFC 8785), hashed with SHA-256, and signed with the site's Ed25519 key.
The public key is published, as a ``Multikey``, in the issuer's profile at a stable address of the
site (``/attestations/emetteur/``); the proof's ``verificationMethod`` points at it.

Keys: production reads the private key from ``CREDENTIALS_SIGNING_KEY`` (the 32-byte Ed25519 seed,
base64url; ``python manage.py credentials_key --new`` prints one). Development keeps a generated key
in a git-ignored file (``CREDENTIALS_KEY_FILE``). To rotate, set the new key and move the old key's
public part (printed by ``credentials_key``) into ``CREDENTIALS_PREVIOUS_PUBLIC_KEYS``: attestations
signed before still verify, new ones use the new key.
"""

import base64
import datetime
import hashlib
import json
import logging
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
CRYPTOSUITE = "eddsa-jcs-2022"
# Multicodec prefix of an Ed25519 public key (0xed, varint-encoded), as Multikey requires.
ED25519_PUB_PREFIX = b"\xed\x01"
MAX_CREDENTIAL_BYTES = 64 * 1024

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class CredentialError(Exception):
    """A credential that cannot be checked: not ours, malformed, or signed by an unknown key."""


# --- encodings ------------------------------------------------------------------------------------


def b58encode(data):
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _B58_ALPHABET[remainder] + encoded
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + encoded


def b58decode(text):
    number = 0
    for char in text:
        index = _B58_ALPHABET.find(char)
        if index < 0:
            raise ValueError("not base58")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    leading_zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * leading_zeros + body


def canonical_json(value):
    """RFC 8785 (JCS) for the values credentials hold here: objects, arrays, strings, integers,
    booleans and null. Keys are sorted (our keys are ASCII, so code-unit order is code-point
    order), no insignificant whitespace, strings as JSON escapes them minimally."""

    def check(item):
        if isinstance(item, float):
            raise CredentialError("floating-point numbers are not used in credentials")
        if isinstance(item, dict):
            for key, nested in item.items():
                if not isinstance(key, str):
                    raise CredentialError("object keys must be strings")
                check(nested)
        elif isinstance(item, list):
            for nested in item:
                check(nested)

    check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def public_key_multibase(public_key):
    raw = public_key.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)
    return "z" + b58encode(ED25519_PUB_PREFIX + raw)


def public_key_from_multibase(value):
    if not isinstance(value, str) or not value.startswith("z"):
        raise CredentialError("unknown key encoding")
    try:
        raw = b58decode(value[1:])
    except ValueError as error:
        raise CredentialError("unknown key encoding") from error
    if len(raw) != 34 or not raw.startswith(ED25519_PUB_PREFIX):
        raise CredentialError("not an Ed25519 key")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


# --- keys -----------------------------------------------------------------------------------------


def new_private_key_text():
    """A new private key as ``CREDENTIALS_SIGNING_KEY`` expects it (base64url of the 32-byte seed)."""
    seed = Ed25519PrivateKey.generate().private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return base64.urlsafe_b64encode(seed).decode().rstrip("=")


def private_key_from_text(text):
    text = text.strip()
    try:
        seed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as error:
        raise CredentialError("CREDENTIALS_SIGNING_KEY is not base64url") from error
    if len(seed) != 32:
        raise CredentialError("CREDENTIALS_SIGNING_KEY must hold 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(seed)


_generated = {}


def signing_key():
    """The site's private key, or None when none is configured (production without the variable)."""
    text = getattr(settings, "CREDENTIALS_SIGNING_KEY", "")
    if text:
        return private_key_from_text(text)
    path = getattr(settings, "CREDENTIALS_KEY_FILE", "")
    if not path:
        return None
    path = Path(path)
    if str(path) in _generated:
        return _generated[str(path)]
    if not path.exists():
        # Development only: a key of this checkout's own, kept out of git (.gitignore).
        path.write_text(new_private_key_text() + "\n", encoding="utf-8")
        os.chmod(path, 0o600)
    key = private_key_from_text(path.read_text(encoding="utf-8"))
    _generated[str(path)] = key
    return key


def key_id(public_multibase):
    """The fragment naming a key in the issuer's profile: stable for the key, different for the next."""
    return "key-" + hashlib.sha256(public_multibase.encode()).hexdigest()[:16]


def published_keys():
    """``[(key id, public key multibase)]``: the current key first, then the previous ones (rotation)."""
    keys = []
    current = signing_key()
    if current is not None:
        multibase = public_key_multibase(current.public_key())
        keys.append((key_id(multibase), multibase))
    for multibase in getattr(settings, "CREDENTIALS_PREVIOUS_PUBLIC_KEYS", ()):
        multibase = multibase.strip()
        if multibase and all(multibase != known for _id, known in keys):
            keys.append((key_id(multibase), multibase))
    return keys


# --- documents ------------------------------------------------------------------------------------


def issuer_profile(issuer_url, name, site_url):
    """The issuer's Open Badges profile, with the public keys that sign its credentials."""
    return {
        "@context": CONTEXTS + [MULTIKEY_CONTEXT],
        "id": issuer_url,
        "type": ["Profile"],
        "name": name,
        "url": site_url,
        "verificationMethod": [
            {"id": f"{issuer_url}#{kid}", "type": "Multikey", "controller": issuer_url, "publicKeyMultibase": multibase}
            for kid, multibase in published_keys()
        ],
        "assertionMethod": [f"{issuer_url}#{kid}" for kid, _multibase in published_keys()],
    }


def _iso(moment):
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def course_credential(certificate, *, verify_url, issuer_url, issuer_name, site_url, course_url, description=""):
    """The unsigned ``OpenBadgeCredential`` of a course attestation."""
    return {
        "@context": list(CONTEXTS),
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Attestation : {certificate.course_title}",
        "issuer": {"id": issuer_url, "type": ["Profile"], "name": issuer_name, "url": site_url},
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.learner_name,
                }
            ],
            "achievement": {
                "id": course_url or verify_url,
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certificate.course_title,
                "description": description or f"Formation « {certificate.course_title} » suivie en entier.",
                "criteria": {
                    "narrative": "Toutes les leçons de la formation terminées et son quiz réussi.",
                },
            },
        },
    }


def _hash_data(unsecured, proof_options):
    return hashlib.sha256(canonical_json(proof_options)).digest() + hashlib.sha256(canonical_json(unsecured)).digest()


def sign(unsecured, issuer_url, created=None):
    """``unsecured`` with its ``DataIntegrityProof`` (eddsa-jcs-2022) made with the current key."""
    key = signing_key()
    if key is None:
        raise CredentialError("no signing key is configured (CREDENTIALS_SIGNING_KEY)")
    multibase = public_key_multibase(key.public_key())
    proof_options = {
        "@context": unsecured["@context"],
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _iso(created or timezone.now()),
        "verificationMethod": f"{issuer_url}#{key_id(multibase)}",
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(unsecured, proof_options))
    proof = {k: v for k, v in proof_options.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    return {**unsecured, "proof": proof}


def verify(credential, keys):
    """Check a signed credential against ``keys`` (``{verificationMethod URL: public key multibase}``).

    Returns the credential without its proof when the signature holds; raises ``CredentialError``
    (malformed, unknown key) or ``InvalidSignature`` (the document or the proof was changed)."""
    if not isinstance(credential, dict) or not isinstance(credential.get("proof"), dict):
        raise CredentialError("no proof")
    proof = dict(credential["proof"])
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise CredentialError("unknown proof type")
    if proof.get("proofPurpose") != "assertionMethod":
        raise CredentialError("unknown proof purpose")
    method = proof.get("verificationMethod")
    if method not in keys:
        raise CredentialError("signed by a key this site does not publish")
    proof_value = proof.pop("proofValue", None)
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        raise CredentialError("no proof value")
    try:
        signature = b58decode(proof_value[1:])
    except ValueError as error:
        raise CredentialError("unreadable proof value") from error
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    if "@context" not in unsecured:
        raise CredentialError("no @context")
    proof_options = {"@context": unsecured["@context"], **proof}
    public_key_from_multibase(keys[method]).verify(signature, _hash_data(unsecured, proof_options))
    return unsecured


def parse_uploaded(data):
    """A credential from uploaded bytes; ``CredentialError`` for anything that is not one."""
    if len(data) > MAX_CREDENTIAL_BYTES:
        raise CredentialError("too large")
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise CredentialError("not JSON") from error
    if not isinstance(value, dict):
        raise CredentialError("not a credential")
    return value


__all__ = [
    "CredentialError",
    "InvalidSignature",
    "course_credential",
    "issuer_profile",
    "new_private_key_text",
    "parse_uploaded",
    "published_keys",
    "sign",
    "signing_key",
    "verify",
]
