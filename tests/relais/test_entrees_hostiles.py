"""Entrées hostiles sur les pages des relais (PostgreSQL) : formulaire d'abonnement à la
lettre, paramètres d'attribution, jetons des pages d'impact. Jamais d'erreur serveur, une
erreur française sur le champ ou une page 400/404, la session jamais écrite avec un octet nul."""

from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from envois.models import Abonnement
from programme import attribution
from tests.rameau.test_entrees_hostiles import (
    ADRESSES_HOSTILES,
    EXPLORATION,
    HOSTILES,
    PAGE_400,
    SECRET_CSRF,
    navigateur,
    poster,
)

pytestmark = pytest.mark.django_db


@EXPLORATION
@given(email=ADRESSES_HOSTILES, nom=st.one_of(HOSTILES, st.text(max_size=200)))
def test_abonnement_a_la_lettre_sans_erreur_serveur(lettre, email, nom):
    reponse = poster(navigateur(), "/lettre/abonnement/", {"email": email, "nom": nom})
    assert reponse.status_code in (302, 400, 429), reponse.status_code
    if reponse.status_code == 400:
        html = unescape(reponse.content.decode())
        assert 'class="errorlist' in html or PAGE_400 in html
    for abonnement in Abonnement.objects.all():
        assert "\x00" not in abonnement.email and "\n" not in abonnement.nom


@EXPLORATION
@given(
    relais=st.one_of(HOSTILES, st.text(max_size=300)),
    referent=st.one_of(HOSTILES, st.text(max_size=300), st.just("http://[::1")),
)
def test_parametres_d_attribution_sans_erreur_serveur(contenu_programme, relais, referent):
    client = navigateur()
    client.cookies["csrftoken"] = SECRET_CSRF
    reponse = client.get(
        "/lettre/", {"relais": relais, "utm_source": relais}, HTTP_REFERER=referent
    )
    assert reponse.status_code in (200, 400)
    code = client.session.get(attribution.CLE_SESSION, "") if reponse.status_code == 200 else ""
    assert len(code) <= attribution.LONGUEUR
    assert all(c.isalnum() or c in "._-" for c in code)


@EXPLORATION
@given(jeton=st.one_of(HOSTILES, st.text(max_size=100)))
def test_jeton_de_page_d_impact_sans_erreur_serveur(jeton):
    from urllib.parse import quote

    reponse = navigateur().get("/relais/impact/" + quote(jeton, safe="") + "/")
    assert reponse.status_code in (400, 404)
