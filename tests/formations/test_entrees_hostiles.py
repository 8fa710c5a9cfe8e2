"""Entrées hostiles sur le formulaire d'inscription à un module (Hypothesis, PostgreSQL) :
octet nul, textes démesurés, HTML, sauts de ligne, identifiants de session farfelus. Jamais
d'erreur serveur : une page 400 ou un message en français sur le champ, et l'inscription
valide déjà enregistrée reste intacte."""

from html import unescape
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda import services as agenda
from agenda.models import Inscription
from tests.factories import SessionModuleFactory

pytestmark = pytest.mark.django_db

TEXTE = st.text(max_size=30)
HOSTILES = st.one_of(
    st.builds(lambda a, b: f"{a}\x00{b}", TEXTE, TEXTE),
    st.builds(
        lambda motif, n: (motif * n)[:n], st.text(min_size=1, max_size=8), st.integers(300, 1200)
    ),
    st.integers(255, 400).map(lambda n: "a" * (n - 12) + "@exemple.org"),
    st.sampled_from(
        [
            '<script>alert("x")</script>',
            '"><img src=x onerror=alert(1)>',
            "{{ request }}{% debug %}",
            "'; DROP TABLE agenda_inscription; --",
            "x@exemple.org\r\nBcc: victime@exemple.org",
            "9" * 400,
            "-1",
            "NaN",
            "",
        ]
    ),
    st.builds(lambda a, b: f"{a}\r\n{b}", TEXTE, TEXTE),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60),
)
CHAMPS = ["session", "nom", "email", "organisation", "profil", "consentement"]


@pytest.fixture
def monde(db):
    lien = SessionModuleFactory(module__slug="module-hostile")
    existante = agenda.inscription_creer(
        session=lien.session, nom="Dana Martin", email="dana@exemple.org"
    ).inscription
    return lien, existante


def _valides(lien) -> dict:
    return {
        "session": str(lien.session_id),
        "nom": "Alix Bernard",
        "email": "alix@exemple.org",
        "organisation": "Les Amis du parc",
        "profil": "association",
        "consentement": "on",
    }


@given(champ=st.sampled_from(CHAMPS), valeur=HOSTILES)
@settings(
    deadline=None,
    max_examples=60,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_inscription_au_module_resiste_aux_entrees_hostiles(monde, champ, valeur):
    lien, existante = monde
    client = Client()  # une erreur serveur lèverait l'exception ici
    donnees = {**_valides(lien), champ: valeur}
    avant = Inscription.objects.count()
    reponse = client.post("/formations/module-hostile/inscrire/", donnees)
    assert reponse.status_code in (200, 302, 400, 429)
    if reponse.status_code == 200:
        texte = reponse.content.decode()
        assert "errorlist" in texte or 'role="alert"' in texte
        assert "<script>alert" not in texte and "<img src=x" not in texte  # échappés
        assert Inscription.objects.count() == avant
    if reponse.status_code == 400:
        assert "Votre demande n'a pas pu être traitée" in unescape(reponse.content.decode())
    existante.refresh_from_db()
    assert (existante.nom, existante.email, existante.statut) == (
        "Dana Martin",
        "dana@exemple.org",
        "confirmee",
    )
    Inscription.objects.exclude(pk=existante.pk).delete()


LIENS = [
    "/formations/{}/",
    "/formations/{}/inscrire/",
    "/attestations/{}/",
    "/attestations/{}/attestation.pdf",
    "/attestations/{}/badge.jwt",
    "/formations/?niveau={}",
    "/formations/?public={}",
]


@pytest.mark.parametrize("modele", LIENS)
@given(segment=HOSTILES, methode=st.sampled_from(["get", "post"]))
@settings(
    deadline=None,
    max_examples=8,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_liens_hostiles_sans_erreur_serveur(monde, modele, segment, methode):
    url = modele.format(quote(segment, safe=""))
    client = Client()
    reponse = client.get(url) if methode == "get" else client.post(url, {})
    assert reponse.status_code in (200, 400, 404, 405), url


def test_slug_demesure_donne_une_404(client):
    assert client.get("/formations/" + "a" * 300 + "/").status_code == 404
