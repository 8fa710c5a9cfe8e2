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
