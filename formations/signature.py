"""Signature Ed25519 des badges (JWS compact, ``alg: EdDSA``, RFC 8037) et clé publique.

La clé privée vient de ``FORMATIONS_CLE_SIGNATURE`` (32 octets en base64url, ou PEM
PKCS#8) ; sans elle, elle est dérivée de ``SECRET_KEY`` par HKDF-SHA256 : stable d'un
redémarrage à l'autre, propre à chaque déploiement, sans fichier à gérer. La clé publique
est publiée en JWK (``/attestations/cles.json``) : n'importe qui vérifie un badge sans nous.
"""

import base64
import functools
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class SignatureInvalide(ValueError):
    """Le jeton est mal formé, ou sa signature ne correspond pas à la clé."""


def b64url(donnees: bytes) -> str:
    return base64.urlsafe_b64encode(donnees).rstrip(b"=").decode("ascii")


def b64url_decoder(texte: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(texte + "=" * (-len(texte) % 4))
    except (ValueError, TypeError) as exc:
        raise SignatureInvalide("base64url invalide") from exc


def _cle_configuree(valeur: str) -> Ed25519PrivateKey:
    if "BEGIN" in valeur:
        cle = serialization.load_pem_private_key(valeur.encode(), password=None)
        if not isinstance(cle, Ed25519PrivateKey):
            raise ValueError("FORMATIONS_CLE_SIGNATURE : une clé Ed25519 est attendue.")
        return cle
    return Ed25519PrivateKey.from_private_bytes(b64url_decoder(valeur.strip()))


@functools.cache
def _cle_privee(configuree: str, secret: str) -> Ed25519PrivateKey:
    if configuree:
        return _cle_configuree(configuree)
    graine = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"rameau-formations", info=b"open-badges-ed25519"
    ).derive(secret.encode())
    return Ed25519PrivateKey.from_private_bytes(graine)


def cle_privee() -> Ed25519PrivateKey:
    return _cle_privee(settings.FORMATIONS_CLE_SIGNATURE, settings.SECRET_KEY)


def cle_publique() -> Ed25519PublicKey:
    return cle_privee().public_key()


def _octets_publics(cle: Ed25519PublicKey) -> bytes:
    return cle.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def identifiant_cle() -> str:
    """Empreinte courte de la clé publique : change avec la clé (rotation visible)."""
    return hashlib.sha256(_octets_publics(cle_publique())).hexdigest()[:16]


def jwk_publique() -> dict:
    """La clé publique au format JWK (RFC 8037)."""
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url(_octets_publics(cle_publique())),
        "kid": identifiant_cle(),
        "use": "sig",
        "alg": "EdDSA",
    }


def _json(objet: dict) -> bytes:
    return json.dumps(objet, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signer(charge: dict, *, en_tete: dict | None = None) -> str:
    """JWS compact ``en-tête.charge.signature`` signé par la clé de la plateforme."""
    entete = {"alg": "EdDSA", "kid": identifiant_cle(), **(en_tete or {})}
    entree = f"{b64url(_json(entete))}.{b64url(_json(charge))}"
    return f"{entree}.{b64url(cle_privee().sign(entree.encode('ascii')))}"


def verifier(jeton: str, *, jwk: dict) -> dict:
    """Vérifie un JWS compact avec une clé publique JWK ; renvoie la charge décodée."""
    try:
        entete_b64, charge_b64, signature_b64 = jeton.strip().split(".")
        entete = json.loads(b64url_decoder(entete_b64))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SignatureInvalide("jeton mal formé") from exc
    if entete.get("alg") != "EdDSA" or jwk.get("crv") != "Ed25519":
        raise SignatureInvalide("algorithme inattendu")
    cle = Ed25519PublicKey.from_public_bytes(b64url_decoder(jwk["x"]))
    try:
        cle.verify(b64url_decoder(signature_b64), f"{entete_b64}.{charge_b64}".encode("ascii"))
    except InvalidSignature as exc:
        raise SignatureInvalide("signature invalide") from exc
    return json.loads(b64url_decoder(charge_b64))
