"""Sessions datées des formats : affichées sur la page du format et recommandées comme
prochaine occasion par l'autodiagnostic."""

from datetime import timedelta

import pytest
from django.utils import timezone

from programme.models import Format, SessionFormat
from tests.factories import SessionFormatFactory

pytestmark = pytest.mark.django_db


def test_page_du_format_liste_les_sessions_a_venir(client, contenu_programme):
    ateliers = Format.objects.get(slug="ateliers")
    prochaine = SessionFormatFactory(
        titre="Atelier proche", dans=timedelta(days=3), lien_inscription="https://exemple.org/i"
    )
    SessionFormatFactory(titre="Atelier lointain", dans=timedelta(days=40))
    SessionFormatFactory(titre="Atelier passé", dans=timedelta(days=-3))
    SessionFormatFactory(titre="Atelier brouillon", dans=timedelta(days=5), publiee=False)
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
        SessionFormatFactory(titre=f"Atelier {i}", dans=timedelta(days=i + 1))
    with django_assert_num_queries(2):
        page = client.get(ateliers.get_absolute_url()).content.decode()
    assert page.count("<h3>Atelier ") == nombre


def test_sans_session_la_page_du_format_ne_montre_pas_de_liste(client, contenu_programme):
    page = client.get(Format.objects.get(slug="parcours").get_absolute_url()).content.decode()
    assert "Prochaines sessions" not in page


def test_fin_avant_debut_refusee_en_administration(client, contenu_programme):
    from tests.factories import UtilisateurFactory

    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    reponse = client.post(
        "/admin/programme/sessionformat/add/",
        {
            "format": Format.objects.get(slug="ateliers").pk,
            "titre": "Atelier à l'envers",
            "debut_0": "10/03/2031",
            "debut_1": "14:00:00",
            "fin_0": "10/03/2031",
            "fin_1": "12:00:00",
            "lieu": "En ligne",
            "publiee": "on",
        },
    )
    assert reponse.status_code == 200
    assert "La fin doit être postérieure au début." in reponse.content.decode()
    assert not SessionFormat.objects.exists()
