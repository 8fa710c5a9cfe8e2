"""Sessions datées des formats : affichées sur la page du format et recommandées comme
prochaine occasion par l'autodiagnostic."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agenda import selectors
from programme.models import Format
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_page_du_format_liste_les_sessions_a_venir(client, contenu_programme):
    ateliers = Format.objects.get(slug="ateliers")
    prochaine = SessionFactory(
        titre="Atelier proche", dans=timedelta(days=3), lien_inscription="https://exemple.org/i"
    )
    SessionFactory(titre="Atelier lointain", dans=timedelta(days=40))
    SessionFactory(titre="Atelier passé", dans=timedelta(days=-3))
    SessionFactory(titre="Atelier brouillon", dans=timedelta(days=5), statut="brouillon")
    page = client.get(ateliers.get_absolute_url()).content.decode()
    assert "Prochaines sessions" in page
    assert page.index("Atelier proche") < page.index("Atelier lointain")
    assert "Atelier passé" not in page and "Atelier brouillon" not in page
    jour = timezone.localtime(prochaine.debut)
    mois = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ]  # fmt: skip
    assert f"{jour.day} {mois[jour.month - 1]} {jour.year}, {jour:%H}h{jour:%M}" in page
    assert 'href="https://exemple.org/i"' in page


@pytest.mark.parametrize("nombre", [1, 3])
def test_page_du_format_a_nombre_de_requetes_constant(
    client, contenu_programme, django_assert_num_queries, nombre
):
    ateliers = Format.objects.get(slug="ateliers")
    for i in range(nombre):
        SessionFactory(titre=f"Atelier {i}", dans=timedelta(days=i + 1))
    with django_assert_num_queries(3):
        page = client.get(ateliers.get_absolute_url()).content.decode()
    assert page.count("<h3>Atelier ") == nombre


def test_sans_session_la_page_du_format_ne_montre_pas_de_liste(client, contenu_programme):
    page = client.get(Format.objects.get(slug="parcours").get_absolute_url()).content.decode()
    assert "Prochaines sessions" not in page


def test_parcours_liste_ses_etapes_sous_la_session_de_la_cohorte(client, contenu_programme):
    parcours = Format.objects.get(slug="parcours")
    cohorte = SessionFactory(slug_format="parcours", titre="Cohorte 2027", dans=timedelta(days=9))
    for ordre, titre in enumerate(["Étape 2 : méthode", "Étape 1 : cadrage"], start=1):
        SessionFactory(
            slug_format="parcours",
            titre=titre,
            parent=cohorte,
            ordre=3 - ordre,
            dans=timedelta(days=9 + 30 * ordre),
        )
    page = client.get(parcours.get_absolute_url()).content.decode()
    assert page.count("<h3>") == 1 and "Cohorte 2027" in page
    assert page.index("Étape 1 : cadrage") < page.index("Étape 2 : méthode")
    assert selectors.session_prochaine(format=parcours) == cohorte


def test_prochaine_session_pour_un_public(contenu_programme):
    ateliers = Format.objects.get(slug="ateliers")
    financeurs = SessionFactory(titre="Pour les financeurs", publics=["financeur"])
    tous = SessionFactory(titre="Pour tous", dans=timedelta(days=20))
    assert selectors.session_prochaine(format=ateliers) == financeurs
    assert selectors.session_prochaine(format=ateliers, public="financeur") == financeurs
    assert selectors.session_prochaine(format=ateliers, public="association") == tous
    financeurs.refresh_from_db()
    assert financeurs.publics == ["financeur"]


def test_page_du_format_webinaires_mene_a_la_page_du_webinaire(client, contenu_programme):
    from tests.factories import WebinaireFactory

    webinaire = WebinaireFactory(titre="Hybrider ses ressources")
    page = client.get("/formats/webinaires/").content.decode()
    assert "Hybrider ses ressources" in page
    assert f'href="{webinaire.get_absolute_url()}"' in page
