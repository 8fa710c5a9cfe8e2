"""Une attestation en badge Open Badges 3.0 : un *Verifiable Credential* W3C 2.0 de type
``OpenBadgeCredential``, signé en JWS compact (VC-JOSE, ``typ: vc+jwt``) avec la clé Ed25519
de la plateforme (:mod:`formations.signature`).

Le titulaire est désigné par l'empreinte salée de son adresse (``identityHash``) : le badge
ne révèle pas l'adresse, mais la personne prouve qu'il est à elle.
"""

import hashlib
from datetime import UTC

from django.urls import reverse

from rameau import site

from . import signature
from .enums import Nature
from .models import Attestation

CONTEXTES = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
NOM_EMETTEUR = "Le RAMEAU"


def _iso(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def url_emetteur() -> str:
    return site.url_absolue(reverse("attestations:emetteur"))


def emetteur() -> dict:
    """Le profil de l'émetteur, avec sa clé publique (publié à :func:`url_emetteur`)."""
    return {
        "@context": CONTEXTES,
        "id": url_emetteur(),
        "type": ["Profile"],
        "name": NOM_EMETTEUR,
        "url": site.url_absolue("/"),
        "publicKey": signature.jwk_publique(),
        "jwks_uri": site.url_absolue(reverse("attestations:cles")),
    }


def _identite(attestation: Attestation) -> dict:
    sel = attestation.code[:16]
    empreinte = hashlib.sha256((attestation.email.strip().lower() + sel).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": f"sha256${empreinte}",
        "salt": sel,
    }


def credential(attestation: Attestation) -> dict:
    """Le *credential* (non signé) d'une attestation ou d'un certificat."""
    verification = site.url_absolue(attestation.get_absolute_url())
    certificat = attestation.nature == Nature.CERTIFICAT
    if certificat:
        description = attestation.certificat.description or attestation.intitule
        critere = "Avoir suivi tous les modules requis par ce certificat d'aptitude."
        id_accomplissement = f"{url_emetteur()}#certificat-{attestation.certificat.slug}"
    else:
        description = attestation.module.accroche if attestation.module else ""
        critere = "Présence attestée par Le RAMEAU à une session de ce module de formation."
        cible = attestation.module.slug if attestation.module else attestation.pk
        id_accomplissement = f"{url_emetteur()}#module-{cible}"
    sujet = {
        "type": ["AchievementSubject"],
        "name": attestation.nom,
        "identifier": [_identite(attestation)],
        "achievement": {
            "id": id_accomplissement,
            "type": ["Achievement"],
            "achievementType": "Certificate" if certificat else "Course",
            "name": attestation.intitule,
            "description": description or attestation.intitule,
            "criteria": {"narrative": critere},
            "creator": {"id": url_emetteur(), "type": ["Profile"], "name": NOM_EMETTEUR},
        },
    }
    if attestation.debut and attestation.fin:
        sujet["activityStartDate"] = _iso(attestation.debut)
        sujet["activityEndDate"] = _iso(attestation.fin)
    return {
        "@context": CONTEXTES,
        "id": verification,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": attestation.intitule,
        "issuer": {"id": url_emetteur(), "type": ["Profile"], "name": NOM_EMETTEUR},
        "validFrom": _iso(attestation.emise_le),
        "credentialSubject": sujet,
    }


def jeton(attestation: Attestation) -> str:
    """Le badge signé (JWS compact) ; les revendications JWT reprennent le credential."""
    contenu = credential(attestation)
    charge = {
        **contenu,
        "iss": contenu["issuer"]["id"],
        "jti": contenu["id"],
        "nbf": int(attestation.emise_le.timestamp()),
        "iat": int(attestation.emise_le.timestamp()),
    }
    return signature.signer(charge, en_tete={"typ": "vc+jwt", "cty": "vc"})
