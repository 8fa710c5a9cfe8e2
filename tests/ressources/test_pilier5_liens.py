"""Le pilier 5 dans le reste du site : page du format « Contenus académiques » et
recommandation de l'autodiagnostic pour les chercheurs et enseignants."""

import pytest

from autodiagnostic import presentation
from programme.models import Format
from ressources import travaux

pytestmark = pytest.mark.django_db


def test_page_du_format_contenus_academiques_liste_les_travaux(client):
    travaux.import_confirmer(
        texte="@book{h, author={Hély, Matthieu}, title={Les métamorphoses du monde associatif}, "
        "publisher={Presses universitaires de France}, address={Paris}, year={2009}}"
    )
    contenu = client.get("/formats/contenus-academiques/").content.decode()
    assert "Les métamorphoses du monde associatif</a> (2009) — Ouvrage" in contenu
    assert 'href="/ressources/travaux/"' in contenu


def test_page_d_un_autre_format_sans_travaux_n_a_pas_le_bloc(client):
    assert "Travaux académiques" not in client.get("/formats/ateliers/").content.decode()


def test_recommandation_contenus_academiques_mene_aux_travaux():
    occasion = presentation.prochaine_occasion(Format.objects.get(slug="contenus-academiques"))
    assert occasion["url"] == "/ressources/travaux/"
    assert occasion["titre"] == "Les travaux académiques du programme"
    assert not occasion["externe"]


def test_demo_importe_des_travaux_reels_sans_doublon(client, settings, tmp_path):
    from programme import demo
    from ressources.models import TravailAcademique

    settings.MEDIA_ROOT = tmp_path
    bilan = demo.charger()
    assert "travaux académiques : 5 importés, 0 déjà présents, sur /ressources/travaux/" in bilan
    bilan = demo.charger()
    assert "travaux académiques : 0 importés, 5 déjà présents, sur /ressources/travaux/" in bilan
    assert TravailAcademique.objects.count() == 5
    assert not TravailAcademique.objects.exclude(doi="").exists()  # aucun DOI inventé
    contenu = client.get("/ressources/travaux/").content.decode()
    assert "Les métamorphoses du monde associatif" in contenu


@pytest.mark.parametrize("nombre", [1, 3])
def test_page_contenus_academiques_requetes_constantes(client, django_assert_num_queries, nombre):
    travaux.import_confirmer(
        texte="\n".join(
            f"@book{{b{i}, author={{A{i}, B}}, title={{Ouvrage {i}}}, year={{2020}}}}"
            for i in range(nombre)
        )
    )
    with django_assert_num_queries(3):  # format, sessions, travaux
        contenu = client.get("/formats/contenus-academiques/").content.decode()
    assert contenu.count("— Ouvrage</li>") == nombre
