"""Cas particuliers : clé de signature configurée, badge d'un certificat, liste d'attente et
double inscription, sections masquées, inscription refusée par l'agenda."""

import base64
from html import unescape

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import RequestFactory
from django.urls import reverse

from agenda.enums import StatutSession
from formations import badges, sections, services, signature
from formations.models import Attestation, Certificat
from programme.models import Format
from tests.factories import SessionModuleFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db


def _brut(cle: Ed25519PrivateKey) -> str:
    octets = cle.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.urlsafe_b64encode(octets).rstrip(b"=").decode()


def test_cle_configuree_en_base64url_ou_en_pem(settings):
    cle = Ed25519PrivateKey.generate()
    attendu = signature.b64url(
        cle.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    settings.FORMATIONS_CLE_SIGNATURE = _brut(cle)
    assert signature.jwk_publique()["x"] == attendu
    settings.FORMATIONS_CLE_SIGNATURE = cle.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    assert signature.jwk_publique()["x"] == attendu
    jeton = signature.signer({"a": 1})
    assert signature.verifier(jeton, jwk=signature.jwk_publique()) == {"a": 1}
    settings.FORMATIONS_CLE_SIGNATURE = (
        generate_private_key(SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(ValueError, match="Ed25519"):
        signature.cle_privee()


def test_cle_derivee_stable_et_propre_au_deploiement(settings):
    premiere = signature.jwk_publique()["x"]
    assert signature.jwk_publique()["x"] == premiere
    settings.SECRET_KEY = "une-autre-cle-secrete-" + "x" * 40
    assert signature.jwk_publique()["x"] != premiere


def test_jeton_d_un_autre_algorithme_refuse():
    entete = signature.b64url(b'{"alg":"none"}')
    with pytest.raises(signature.SignatureInvalide):
        signature.verifier(f"{entete}.e30.", jwk=signature.jwk_publique())


def test_badge_d_un_certificat(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    certificat = Certificat.objects.create(titre="Certificat MSE", slug="mse", description="D.")
    attestation = Attestation.objects.create(
        nature="certificat", certificat=certificat, nom="A", email="a@exemple.org", intitule="C"
    )
    contenu = badges.credential(attestation)
    assert contenu["credentialSubject"]["achievement"]["achievementType"] == "Certificate"
    assert "activityStartDate" not in contenu["credentialSubject"]
    charge = signature.verifier(badges.jeton(attestation), jwk=signature.jwk_publique())
    assert charge["credentialSubject"]["achievement"]["id"].endswith("#certificat-mse")


def _poster(client, lien, email="a@exemple.org"):
    return client.post(
        reverse("formations:inscrire", args=[lien.module.slug]),
        {
            "session": lien.session_id,
            "nom": "A",
            "email": email,
            "profil": "association",
            "consentement": "on",
        },
        follow=True,
    )


def test_liste_d_attente_puis_double_inscription(client):
    lien = SessionModuleFactory(session__capacite=1)
    assert "confirmée" in _poster(client, lien, "a@exemple.org").content.decode()
    page = unescape(client.get(lien.module.get_absolute_url()).content.decode())
    assert "complet (liste d'attente)" in page
    assert "liste d'attente" in unescape(_poster(client, lien, "b@exemple.org").content.decode())
    assert "déjà inscrit·e" in _poster(client, lien, "A@exemple.org").content.decode()


def test_session_d_un_autre_module_refusee_par_le_service():
    lien, autre = SessionModuleFactory(), SessionModuleFactory()
    with pytest.raises(services.InscriptionImpossible):
        services.inscription_module_creer(
            module=lien.module, session=autre.session, nom="A", email="a@exemple.org"
        )
    lien.session.statut = StatutSession.BROUILLON
    lien.session.save()
    with pytest.raises(services.InscriptionImpossible, match="pas ouverte"):
        services.inscription_module_creer(
            module=lien.module, session=lien.session, nom="A", email="a@exemple.org"
        )


def test_sections_masquees_hors_de_propos():
    requete = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    requete.user = AnonymousUser()
    assert sections.mes_attestations(requete) is None
    requete.user = UtilisateurFactory()
    assert sections.mes_attestations(requete) is None  # aucune attestation
    assert sections.modules_du_format(requete, Format.objects.get(slug="ateliers")) is None


def test_module_inconnu_et_module_en_ligne(client):
    assert client.get("/formations/inconnu/").status_code == 404
    lien = SessionModuleFactory(module__niveau=2, module__lien="https://mooc.exemple.org/")
    page = client.get(lien.module.get_absolute_url()).content.decode()
    assert "Accéder à la ressource en ligne" in page and "Je m'inscris" not in unescape(page)
