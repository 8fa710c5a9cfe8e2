from html import unescape

import pytest
from django.urls import reverse

from ressources.enums import CategorieRessource
from ressources.models import Ressource

pytestmark = pytest.mark.django_db


def test_liste_presente_le_socle_de_connaissance_et_la_fiche(client):
    reponse = client.get("/ressources/")
    html = unescape(reponse.content.decode())
    assert reponse.status_code == 200
    for titre in ("S'informer", "Se former", "Agir / accompagner"):
        assert f">{titre}</h2>" in html
    # Les adresses des documents sources, chargées par la migration.
    assert "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations" in html
    assert "https://modeles-socio-economiques.plateformecapitalisation.org/" in html
    assert "Référentiel « Modèles socio-économiques d'intérêt général »" in html
    assert f'href="{reverse("ressources:fiche_repere")}"' in html
    assert "Télécharger la fiche repère (PDF)" in html


def test_liste_masque_les_ressources_non_publiees(client):
    Ressource.objects.filter(categorie=CategorieRessource.S_INFORMER).update(publiee=False)
    html = unescape(client.get("/ressources/").content.decode())
    assert "Référentiel « Modèles" not in html
    assert "Aucune ressource pour le moment." in html


@pytest.mark.parametrize("nombre", [1, 3])
def test_liste_nombre_de_requetes_constant(client, django_assert_num_queries, nombre):
    Ressource.objects.all().delete()
    for i in range(nombre):
        Ressource.objects.create(
            titre=f"Ressource {i}",
            categorie=CategorieRessource.values[i % 3],
            url=f"https://exemple.org/{i}",
        )
    with django_assert_num_queries(2):  # ressources, leurs modèles
        reponse = client.get("/ressources/")
    assert unescape(reponse.content.decode()).count("Ressource ") >= nombre


def test_accueil_propose_la_fiche_repere_et_les_ressources(client):
    html = unescape(client.get("/").content.decode())
    assert "Pour passer à l'action dès maintenant" in html
    assert f'href="{reverse("ressources:fiche_repere")}"' in html
    assert f'href="{reverse("ressources:liste")}"' in html


def test_demo_prepare_la_fiche_generique(django_capture_on_commit_callbacks):
    from programme import demo
    from ressources.models import FichePDF

    with django_capture_on_commit_callbacks(execute=True):
        bilan = demo.charger()
    assert any(ligne.startswith("fiche repère générique :") for ligne in bilan)
    assert FichePDF.objects.filter(cle="generique").exists()
    with django_capture_on_commit_callbacks(execute=True):
        demo.charger()  # idempotent : pas de second rendu
    assert FichePDF.objects.filter(cle="generique").count() == 1
